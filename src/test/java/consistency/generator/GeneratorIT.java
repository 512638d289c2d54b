package consistency.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run against the real PostgreSQL and Kafka of the lab stack: what lands on {@code lab.events} is what the
 * ground truth says was sent, and the truth's windows equal a recomputation from the consumed records.
 */
@QuarkusTest
class GeneratorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LATE_BY_MS = 30_000;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A consumed record in the order its partition holds it. */
    record Consumed(int partition, String key, JsonNode value) {
        boolean isMark() {
            return "progress".equals(value.path("type").asText());
        }

        String eventId() {
            return value.get("event_id").asText();
        }

        long eventMs() {
            return Instant.parse(value.get("event_time").asText()).toEpochMilli();
        }
    }

    @Test
    void eventsOnTheTopicMatchTheGroundTruth() {
        String runId = given().contentType("application/json").body("""
                        {"seed": 42, "keys": 4, "events_per_key": 200, "window_size_ms": 10000,
                         "duplicates": {"rate": 0.2}, "out_of_order": {"window_ms": 3000},
                         "late": {"fraction": 0.05, "late_by_ms": %d}, "replay": {"from_sequence": 50, "count": 40}}
                        """.formatted(LATE_BY_MS))
                .post("/api/runs").then().statusCode(201).extract().path("run_id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(
                given().get("/api/runs/" + runId).then().statusCode(200).extract().path("state")));
        int sent = given().get("/api/runs/" + runId).then().extract().path("events_sent");
        int planned = given().get("/api/runs/" + runId).then().extract().path("events_planned");
        assertThat(sent).isEqualTo(planned);

        List<Consumed> records = consume(runId);
        List<Consumed> consumed = records.stream().filter(c -> !c.isMark()).toList();
        assertThat(consumed).as("events of %s on lab.events", runId).hasSize(sent);
        assertMarks(records.stream().filter(Consumed::isMark).toList(), runId);
        assertThat(consumed).allSatisfy(c -> {
            Set<String> fields = new HashSet<>();
            c.value().fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("event_id", "run_id", "business_key", "sequence", "amount",
                    "event_time", "produce_time");
            assertThat(c.key()).isEqualTo(c.value().get("business_key").asText());
        });

        List<Row> truth = rows("select event_id, business_key, kind, late, out_of_order from truth_event "
                + "where run_id = $1 order by emission_index", runId);
        assertThat(truth).hasSize(sent);
        assertSameOrderPerKey(consumed, truth);

        Map<String, Long> kinds = new HashMap<>();
        truth.forEach(r -> kinds.merge(r.getString("kind"), 1L, Long::sum));
        long copies = consumed.size() - consumed.stream().map(Consumed::eventId).distinct().count();
        assertThat(copies).isEqualTo(kinds.getOrDefault("DUPLICATE", 0L) + kinds.getOrDefault("REPLAY", 0L));
        assertThat(kinds.get("DUPLICATE")).isGreaterThan(100);
        assertThat(kinds.get("REPLAY")).isEqualTo(160);

        long[] lateAndDisordered = measureFirstCopies(consumed);
        assertThat(lateAndDisordered[0]).isEqualTo(truth.stream().filter(r -> r.getBoolean("late")).count()).isEqualTo(40);
        assertThat(lateAndDisordered[1]).isEqualTo(truth.stream().filter(r -> r.getBoolean("out_of_order")).count())
                .isGreaterThan(0);

        Map<String, long[]> recomputed = recomputeWindows(consumed, 10_000);
        Map<String, long[]> stored = new TreeMap<>();
        for (Row r : rows("select business_key, window_start, expected_value, expected_count from truth_window "
                + "where run_id = $1", runId)) {
            stored.put(r.getString(0) + "@" + r.getOffsetDateTime(1).toInstant().toEpochMilli(),
                    new long[]{r.getLong(2), r.getInteger(3)});
        }
        // 50 s of event time per key starting on a whole second: 5 windows, or 6 when not aligned to one.
        assertThat(stored.keySet()).isEqualTo(recomputed.keySet()).hasSizeBetween(4 * 5, 4 * 6);
        stored.forEach((window, expected) -> assertThat(recomputed.get(window)).as(window).containsExactly(expected));
    }

    private void assertSameOrderPerKey(List<Consumed> consumed, List<Row> truth) {
        Map<String, List<String>> consumedOrder = new HashMap<>();
        consumed.forEach(c -> consumedOrder.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c.eventId()));
        Map<String, List<String>> truthOrder = new HashMap<>();
        truth.forEach(r -> truthOrder.computeIfAbsent(r.getString("business_key"), k -> new ArrayList<>())
                .add(r.getString("event_id")));
        assertThat(consumedOrder).isEqualTo(truthOrder);
    }

    /** Counts first copies that arrived at least LATE_BY_MS behind their key's progress, and those merely behind it. */
    private static long[] measureFirstCopies(List<Consumed> consumed) {
        Map<String, Long> newest = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long late = 0;
        long disordered = 0;
        for (Consumed c : consumed) {
            long progress = newest.getOrDefault(c.key(), c.eventMs());
            long behind = progress - c.eventMs();
            if (seen.add(c.eventId())) {
                if (behind >= LATE_BY_MS) {
                    late++;
                } else if (behind > 0) {
                    disordered++;
                }
            }
            newest.put(c.key(), Math.max(progress, c.eventMs()));
        }
        return new long[]{late, disordered};
    }

    private static Map<String, long[]> recomputeWindows(List<Consumed> consumed, long size) {
        Set<String> seen = new HashSet<>();
        Map<String, long[]> windows = new TreeMap<>();
        for (Consumed c : consumed) {
            if (seen.add(c.eventId())) {
                long start = Math.floorDiv(c.eventMs(), size) * size;
                long[] sum = windows.computeIfAbsent(c.key() + "@" + start, w -> new long[2]);
                sum[0] += c.value().get("amount").asLong();
                sum[1]++;
            }
        }
        return windows;
    }

    /**
     * Every partition holds the same progress marks, one per second of the run's clock, in rising order, and the
     * run's closing mark last: past the newest event, on a window boundary.
     */
    private void assertMarks(List<Consumed> marks, String runId) {
        Instant closing = rows("select closing_time from generator_run where run_id = $1", runId).get(0)
                .getOffsetDateTime(0).toInstant();
        Instant last = rows("select last_event_time from generator_run where run_id = $1", runId).get(0)
                .getOffsetDateTime(0).toInstant();
        assertThat(closing).isAfter(last);
        assertThat(closing.toEpochMilli() % 10_000).isZero();
        Map<Integer, List<Instant>> byPartition = new TreeMap<>();
        marks.forEach(m -> byPartition.computeIfAbsent(m.partition(), p -> new ArrayList<>())
                .add(Instant.parse(m.value().get("event_time").asText())));
        assertThat(byPartition).hasSizeGreaterThan(1);
        List<Instant> first = byPartition.values().iterator().next();
        assertThat(first).hasSizeGreaterThan(40).isSorted().doesNotHaveDuplicates().endsWith(closing);
        assertThat(byPartition.values()).allSatisfy(p -> assertThat(p).isEqualTo(first));
    }

    /** Reads every partition of lab.events from the start and keeps this run's records, in partition order. */
    private List<Consumed> consume(String runId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("enable.auto.commit", "false");
        List<Consumed> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor("lab.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    parse(r.value()).filter(value -> runId.equals(value.path("run_id").asText()))
                            .ifPresent(value -> records.add(new Consumed(r.partition(), r.key(), value)));
                }
            }
        }
        return records;
    }

    /** Other tests put malformed records on the topic on purpose: they are not this run's. */
    private static Optional<JsonNode> parse(String value) {
        try {
            return Optional.ofNullable(JSON.readTree(value));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private List<Row> rows(String sql, String runId) {
        List<Row> rows = new ArrayList<>();
        Iterator<Row> it = pool.preparedQuery(sql).execute(Tuple.of(runId)).await().atMost(Duration.ofSeconds(10)).iterator();
        it.forEachRemaining(rows::add);
        return rows;
    }
}
