package consistency.store;

import consistency.decision.Decision;
import consistency.decision.DecisionRules;
import consistency.outbox.OutboxWriter;
import consistency.wire.ResultCodec;
import consistency.wire.WindowResult.Engine;
import consistency.wire.WindowResult;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Throughput of the decision layer against a baseline: the same SQL, one transaction per result, issued by a
 * plain JDBC loop. Prints figures; asserts nothing about speed. Run with {@code ./lab bench decision}.
 */
@QuarkusTest
@TestProfile(DecisionBenchmark.OwnTopic.class)
class DecisionBenchmark {

    private static final int RESULTS = Integer.getInteger("bench.results", 5_000);
    /** Results through both paths before measuring, so neither is timed while the JIT is still cold. */
    private static final int WARM_UP = Math.max(500, RESULTS / 5);
    private static final String TOPIC = "lab.bench.results." + UUID.randomUUID().toString().substring(0, 8);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** The decision layer reads a topic of its own, so a running lab is neither disturbed nor counted. */
    public static class OwnTopic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot create " + TOPIC, e);
            }
            return Map.of("mp.messaging.incoming.results-in.topic", TOPIC,
                    "mp.messaging.incoming.results-in.group.id", "lab-bench-" + TOPIC);
        }
    }

    @Inject
    Pool pool;
    @Inject
    AgroalDataSource jdbc;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String bootstrap() {
        return ConfigProvider.getConfig().getOptionalValue("kafka.bootstrap.servers", String.class)
                .orElse(System.getProperty("kafka.bootstrap.servers"));
    }

    @AfterAll
    static void dropTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.deleteTopics(List.of(TOPIC)).all().get();
        }
    }

    private static WindowResult result(String prefix, int i) {
        Instant start = START.plusSeconds(10L * (i / 64));
        return new WindowResult(Engine.KAFKA_ONLY, prefix + "-acct-" + (i % 64), start, start.plusSeconds(10), i, 3, 1,
                "bench", START, null, false, false, 0, Instant.now(), prefix);
    }

    @Test
    void decisionLayerAgainstPlainJdbcLoop() throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        throughDecisionLayer(prefix + "-warmup", WARM_UP);
        plainLoop(prefix + "-warmup-jdbc", WARM_UP);
        double layer = throughDecisionLayer(prefix, RESULTS);
        double baseline = plainLoop(prefix + "-jdbc", RESULTS);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf("%n== decision layer benchmark: %d results, one PostgreSQL transaction each (after %d to warm up) ==%n",
                RESULTS, WARM_UP);
        System.out.printf("decision layer (Kafka -> rules -> PostgreSQL): %8.0f results/s%n", layer);
        System.out.printf("baseline (same SQL, plain JDBC loop):          %8.0f results/s%n", baseline);
        System.out.printf("ratio decision layer / baseline:               %8.2f%n", layer / baseline);
        System.out.printf("machine: %d cores, load average %s%n%n", Runtime.getRuntime().availableProcessors(), load);
    }

    /** From the first send (producer connected) to the last decision committed, measured in PostgreSQL. */
    private double throughDecisionLayer(String prefix, int results) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        props.put("linger.ms", "5");
        long started;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.partitionsFor(TOPIC);
            started = System.nanoTime();
            for (int i = 0; i < results; i++) {
                WindowResult r = result(prefix, i);
                producer.send(new ProducerRecord<>(TOPIC, r.businessKey(), ResultCodec.encode(r)));
            }
        }
        long decided = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (decided < results && System.nanoTime() < deadline) {
            Thread.sleep(100);
            decided = pool.preparedQuery("select count(*) from decision_log where run_id = $1").execute(Tuple.of(prefix))
                    .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        }
        if (decided < results) {
            throw new IllegalStateException("only " + decided + " of " + results + " results decided in 10 minutes");
        }
        return results / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * The statements of {@link DecisionStore} and {@link OutboxWriter} for a first result, each result in its own
     * JDBC transaction.
     */
    private double plainLoop(String prefix, int results) throws Exception {
        DecisionRules rules = new DecisionRules();
        long started = System.nanoTime();
        try (Connection c = jdbc.getConnection();
             PreparedStatement log = c.prepareStatement(jdbcSql(DecisionStore.LOG_RESULT));
             PreparedStatement lock = c.prepareStatement(jdbcSql(DecisionStore.LOCK_STATE));
             PreparedStatement decision = c.prepareStatement(jdbcSql(DecisionStore.LOG_DECISION));
             PreparedStatement state = c.prepareStatement(jdbcSql(DecisionStore.WRITE_STATE));
             PreparedStatement outbox = c.prepareStatement(jdbcSql(OutboxWriter.INSERT))) {
            c.setAutoCommit(false);
            for (int i = 0; i < results; i++) {
                WindowResult r = result(prefix, i);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                String payload = ResultCodec.encode(r);
                bind(log, DecisionStore.resultLogValues(new DecisionStore.Consumed(prefix, 0, i, payload), r, null));
                long logId;
                try (ResultSet rs = log.executeQuery()) {
                    rs.next();
                    logId = rs.getLong(1);
                }
                bind(lock, List.of(r.processingEngine().name(), r.businessKey(), StateRows.utc(r.windowStart())));
                lock.executeQuery().close();
                Decision d = rules.decide(null, r, now);
                bind(decision, DecisionStore.decisionValues(logId, d, now));
                decision.executeUpdate();
                bind(state, StateRows.stateValues(d.after()));
                state.executeUpdate();
                bind(outbox, OutboxWriter.values(d));
                outbox.executeUpdate();
                c.commit();
            }
        }
        return results / ((System.nanoTime() - started) / 1e9);
    }

    private static String jdbcSql(String reactiveSql) {
        return reactiveSql.replaceAll("\\$\\d+", "?");
    }

    private static void bind(PreparedStatement statement, List<Object> values) throws Exception {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof JsonObject json) {
                PGobject jsonb = new PGobject();
                jsonb.setType("jsonb");
                jsonb.setValue(json.encode());
                value = jsonb;
            }
            statement.setObject(i + 1, value);
        }
    }
}
