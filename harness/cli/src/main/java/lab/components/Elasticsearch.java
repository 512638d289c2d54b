package lab.components;

import java.time.Duration;
import java.util.List;
import lab.stack.Config;
import lab.stack.HttpProbe;

/** The Elasticsearch read model's server: one real Elasticsearch 9 node run in-process by a small launcher. */
public final class Elasticsearch extends LaunchedStore {

    public Elasticsearch(Config config) {
        super(config, "elasticsearch", "elasticsearch-node", "Elasticsearch");
    }

    public int port() {
        return config.port("elasticsearch.port");
    }

    @Override
    public List<Integer> ports() {
        return List.of(port(), config.port("elasticsearch.transport.port"));
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public List<String> command() {
        return java("512m", "-Xms256m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-cp", classpath(),
                "lab.stores.ElasticsearchNode", dataDir().toString(), Integer.toString(port()),
                Integer.toString(config.port("elasticsearch.transport.port")));
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(120);
    }

    /** The node answers and its cluster is usable (yellow or green). */
    @Override
    public boolean accepting() {
        return HttpProbe.ok(endpoint() + "/_cluster/health?wait_for_status=yellow&timeout=1s");
    }
}
