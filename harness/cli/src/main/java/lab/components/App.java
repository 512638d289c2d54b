package lab.components;

import java.util.List;
import lab.stack.Config;

/** The service in its default role: REST API, generator and the decision layer (PostgreSQL + Kafka). */
public final class App extends QuarkusService {

    private final Postgres postgres;
    private final Kafka kafka;

    public App(Config config, Postgres postgres, Kafka kafka) {
        super(config, "app");
        this.postgres = postgres;
        this.kafka = kafka;
    }

    @Override
    public int port() {
        return config.port("app.port");
    }

    @Override
    public List<String> dependencies() {
        return List.of(postgres.name(), kafka.name());
    }

    @Override
    protected String healthPath() {
        return "/q/health/ready";
    }

    @Override
    public List<String> command() {
        return java("384m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port(),
                "-Dlab.postgres.port=" + postgres.port(),
                "-Dkafka.bootstrap.servers=" + kafka.endpoint(),
                "-Dlab.flink.web-url=http://127.0.0.1:" + config.port("flink.rest.port"),
                "-jar", jar().toString());
    }
}
