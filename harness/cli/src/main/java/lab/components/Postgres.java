package lab.components;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import lab.stack.Component;
import lab.stack.Config;
import lab.stack.Daemon;
import lab.stack.LabException;
import org.flywaydb.core.Flyway;

/** A real PostgreSQL server (portable build) with logical decoding on, database and superuser 'lab'. */
public final class Postgres extends Component {

    public static final String USER = "lab";
    public static final String DATABASE = "lab";
    private static final String CONF = "lab.conf";
    /** The service's Flyway migrations, relative to the repository root. */
    private static final String MIGRATIONS = "src/main/resources/db/migration";

    private final Unprivileged owner = new Unprivileged();

    public Postgres(Config config) {
        super(config, "postgres");
    }

    public int port() {
        return config.port("postgres.port");
    }

    @Override
    public List<Integer> ports() {
        return List.of(port());
    }

    @Override
    public String endpoint() {
        return "postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    @Override
    public Path dataDir() {
        return owner.reachable(super.dataDir());
    }

    private Path binaries() {
        return owner.reachable(config.root().resolve("harness/postgres-dist/target/postgres"));
    }

    @Override
    public void prepare() throws IOException, InterruptedException {
        Path jar = config.root().resolve("harness/postgres-dist/target/postgres-binaries.jar");
        PostgresBinaries.ensure(jar, binaries());
        Path data = dataDir();
        Files.createDirectories(data);
        Path usual = super.dataDir();
        if (!data.equals(usual) && Files.notExists(usual, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(usual.getParent());
            Files.createSymbolicLink(usual, data); // keeps data/postgres discoverable
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            owner.own(data);
            initdb(data);
        }
        Files.writeString(data.resolve(CONF), """
                # Written by the lab on every start.
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = '%s'
                wal_level = logical
                max_replication_slots = 10
                max_wal_senders = 10
                max_slot_wal_keep_size = 1GB
                """.formatted(port(), data));
        Path main = data.resolve("postgresql.conf");
        String include = "include_if_exists = '" + CONF + "'";
        if (!Files.readString(main).contains(include)) {
            Files.writeString(main, Files.readString(main) + "\n" + include + "\n");
        }
        Files.writeString(data.resolve("pg_hba.conf"), """
                # Written by the lab: trust on loopback only.
                local all         all                trust
                host  all         all  127.0.0.1/32  trust
                host  replication all  127.0.0.1/32  trust
                """);
        removeStaleLock(data);
        owner.own(data);
    }

    private void initdb(Path data) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(owner.prefix());
        command.addAll(List.of(binaries().resolve("bin/initdb").toString(), "-D", data.toString(),
                "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C"));
        Path log = config.logFile(name());
        Files.createDirectories(log.getParent());
        int exit = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().waitFor();
        if (exit != 0) {
            throw new LabException("initdb failed (exit " + exit + "), see " + log);
        }
    }

    /** A postmaster.pid left by a killed server blocks the next start if its pid is taken again. */
    private static void removeStaleLock(Path data) throws IOException {
        Path lock = data.resolve("postmaster.pid");
        if (Files.exists(lock)) {
            String first = Files.readAllLines(lock).stream().findFirst().orElse("").trim();
            if (first.isEmpty() || !Daemon.isInstance(Long.parseLong(first), data.toString())) {
                Files.delete(lock);
            }
        }
    }

    @Override
    public List<String> command() {
        List<String> command = new ArrayList<>(owner.prefix());
        command.addAll(List.of(binaries().resolve("bin/postgres").toString(), "-D", dataDir().toString()));
        return command;
    }

    /** Fast shutdown: disconnects clients instead of waiting for them (SIGTERM would wait). */
    @Override
    public String stopSignal() {
        return "INT";
    }

    @Override
    public boolean accepting() {
        return query("postgres", "select 1");
    }

    /**
     * Creates the database and applies the service's schema migrations: the Debezium Servers need the outbox
     * publication before any service has started. The service's own Flyway then finds them applied.
     */
    @Override
    public void initialize() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            if (!s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'").next()) {
                s.execute("create database " + DATABASE + " owner " + USER);
            }
        }
        Flyway.configure().dataSource(jdbcUrl(DATABASE), USER, "")
                .locations("filesystem:" + config.root().resolve(MIGRATIONS))
                .loggers("slf4j").load().migrate();
    }

    @Override
    public boolean healthy() {
        return query(DATABASE, "select 1");
    }

    private boolean query(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            return s.executeQuery(sql).next();
        } catch (SQLException e) {
            return false;
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** The lab database, for JDBC clients. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }
}
