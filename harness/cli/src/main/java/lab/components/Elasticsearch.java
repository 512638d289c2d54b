package lab.components;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lab.stack.Component;
import lab.stack.Config;
import lab.stack.HttpProbe;

/** The Elasticsearch read model's server: one real Elasticsearch 9 node run in-process by a small launcher. */
public final class Elasticsearch extends Component {

    public Elasticsearch(Config config) {
        super(config, "elasticsearch");
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

    private Path lib() {
        return config.root().resolve("harness/elasticsearch-node/target");
    }

    @Override
    public String unavailableReason() {
        return Files.isDirectory(lib().resolve("lib")) ? null
                : "Elasticsearch jars missing: " + lib() + " (./lab builds them with the harness)";
    }

    @Override
    public List<String> command() {
        return java("512m", "-Xms256m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-cp", lib().resolve("elasticsearch-node.jar") + ":" + lib().resolve("lib") + "/*",
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
