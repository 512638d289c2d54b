package lab.components;

import java.util.ArrayList;
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
        List<String> args = new ArrayList<>(List.of("-Dquarkus.http.host=127.0.0.1"));
        args.addAll(settings());
        args.addAll(List.of("-jar", jar().toString()));
        return java("384m", args.toArray(String[]::new));
    }

    /** Where the service listens and finds the rest of the stack, as system properties (also for dev mode). */
    public List<String> settings() {
        return List.of("-Dquarkus.http.port=" + port(),
                "-Dlab.postgres.port=" + postgres.port(),
                "-Dkafka.bootstrap.servers=" + kafka.endpoint());
    }
}
