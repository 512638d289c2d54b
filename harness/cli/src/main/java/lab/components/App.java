package lab.components;

import java.util.ArrayList;
import java.util.List;
import lab.stack.Config;

/**
 * The service in its default role: REST API, generator and the decision layer (PostgreSQL + Kafka), and the
 * EVENTUAL and SEARCH reads from the read models.
 */
public final class App extends QuarkusService {

    private final Postgres postgres;
    private final Kafka kafka;
    private final MongoDb mongoDb;
    private final Elasticsearch elasticsearch;

    public App(Config config, Postgres postgres, Kafka kafka, MongoDb mongoDb, Elasticsearch elasticsearch) {
        super(config, "app");
        this.postgres = postgres;
        this.kafka = kafka;
        this.mongoDb = mongoDb;
        this.elasticsearch = elasticsearch;
    }

    @Override
    public int port() {
        return config.port("app.port");
    }

    @Override
    public List<String> dependencies() {
        return List.of(postgres.name(), kafka.name(), mongoDb.name(), elasticsearch.name());
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
                "-Dkafka.bootstrap.servers=" + kafka.endpoint(),
                "-Dquarkus.mongodb.connection-string=" + mongoDb.endpoint(),
                "-Dquarkus.elasticsearch.hosts=127.0.0.1:" + elasticsearch.port(),
                "-Dlab.flink.web-url=http://127.0.0.1:" + config.port("flink.rest.port"),
                "-Dlab.experiments.dir=" + config.home().resolve("reports"));
    }
}
