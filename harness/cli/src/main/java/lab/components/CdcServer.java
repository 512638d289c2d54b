package lab.components;

import java.util.List;
import lab.stack.Component;
import lab.stack.Config;

/**
 * One instance of the lab's Debezium Server build (debezium-server/): streams the PostgreSQL outbox through its
 * own replication slot into one read model. Its offsets live in its data directory, so a stopped instance
 * resumes where it left off; two instances (one per read model) lag and recover independently.
 */
public final class CdcServer extends QuarkusService {

    private final String sink;
    private final Postgres postgres;
    private final Component store;

    private CdcServer(Config config, String sink, Postgres postgres, Component store) {
        super(config, "cdc-" + sink, "debezium-server", false);
        this.sink = sink;
        this.postgres = postgres;
        this.store = store;
    }

    static CdcServer toMongoDb(Config config, Postgres postgres, MongoDb mongoDb) {
        return new CdcServer(config, "mongodb", postgres, mongoDb);
    }

    static CdcServer toElasticsearch(Config config, Postgres postgres, Elasticsearch elasticsearch) {
        return new CdcServer(config, "elasticsearch", postgres, elasticsearch);
    }

    @Override
    public int port() {
        return config.port("cdc." + sink + ".port");
    }

    @Override
    public List<String> dependencies() {
        return List.of(postgres.name(), store.name());
    }

    @Override
    protected String healthPath() {
        return "/q/health/ready";
    }

    @Override
    public List<String> command() {
        return java("256m", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dquarkus.profile=" + sink,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port(),
                "-Ddebezium.source.database.hostname=127.0.0.1",
                "-Ddebezium.source.database.port=" + postgres.port(),
                "-Ddebezium.source.database.user=" + Postgres.USER,
                "-Ddebezium.source.database.dbname=" + Postgres.DATABASE,
                "-Ddebezium.source.offset.storage.file.filename=" + dataDir().resolve("offsets.dat"),
                "-Ddebezium.sink." + sink + "." + storeKey() + "=" + store.endpoint(),
                "-jar", jar().toString());
    }

    private String storeKey() {
        return sink.equals("mongodb") ? "connection.string" : "url";
    }
}
