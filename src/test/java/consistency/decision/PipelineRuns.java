package consistency.decision;

import consistency.oracle.Oracle;
import consistency.wire.ResultCodec;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Runs through the real pipeline, as the end-to-end tests drive and observe them. */
public final class PipelineRuns {

    private final Pool pool;

    PipelineRuns(Pool pool) {
        this.pool = pool;
    }

    /** Where lab.results ended when each run started: its results lie after. */
    private static final Map<String, Map<TopicPartition, Long>> RESULTS_FROM = new ConcurrentHashMap<>();

    public static String start(String scenario) {
        Map<TopicPartition, Long> resultsFrom;
        try (Admin admin = admin()) {
            resultsFrom = latest(admin, "lab.results", IsolationLevel.READ_UNCOMMITTED);
        }
        String runId = given().contentType("application/json").body(scenario).post("/api/runs")
                .then().statusCode(201).extract().path("run_id");
        RESULTS_FROM.put(runId, resultsFrom);
        return runId;
    }

    public static void awaitSent(String runId) {
        String state = await().atMost(Duration.ofSeconds(90))
                .until(() -> given().get("/api/runs/" + runId).<String>path("state"), s -> !"RUNNING".equals(s));
        assertThat(state).as("run %s: %s", runId, given().get("/api/runs/" + runId).asString()).isEqualTo("DONE");
    }

    static int eventsSent(String runId) {
        return given().get("/api/runs/" + runId).path("events_sent");
    }

    /**
     * The verdict once the run has settled by the experiment's rule (docs/consistency-spec.md §10), from pipeline
     * state only: {@code engine} has consumed the run (its consumer group committed lab.events up to the end after
     * the run was sent, so it has read the closing progress marks and, for Flink, committed the checkpoint holding
     * its last results), no transaction is open on lab.results, every committed result of the run has its decision,
     * and no window of the engine is missing in PostgreSQL.
     */
    public static JsonPath settledVerdict(String runId, String engine) {
        awaitConsumed(ConfigProvider.getConfig().getValue(
                engine.equals("FLINK") ? "lab.flink.consumer-group" : "mp.messaging.incoming.events-in.group.id", String.class));
        assertThat(RESULTS_FROM).as("run %s was started with PipelineRuns.start", runId).containsKey(runId);
        try (KafkaConsumer<byte[], byte[]> results = committedReader(RESULTS_FROM.get(runId))) {
            long[] committed = {0};
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
                // Counted before the decisions: a result committed by now must be decided by the next count.
                committed[0] += resultsOfRun(results, runId);
                long decisions = given().get("/api/decisions?size=1&runId=" + runId).then().statusCode(200)
                        .extract().jsonPath().getLong("total");
                Map<String, Integer> totals = given().get("/api/runs/" + runId + "/verdict").then().statusCode(200)
                        .extract().jsonPath().getMap("totals." + engine + ".POSTGRES");
                return decisions >= committed[0] && totals.get("MISSING") == 0;
            });
        }
        return given().get("/api/runs/" + runId + "/verdict").then().extract().jsonPath();
    }

    private static KafkaConsumer<byte[], byte[]> committedReader(Map<TopicPartition, Long> from) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        return consumer;
    }

    /** Reads up to the last stable offsets as of now; returns how many of the records were results of the run. */
    private static long resultsOfRun(KafkaConsumer<byte[], byte[]> results, String runId) {
        Map<TopicPartition, Long> ends = results.endOffsets(results.assignment());
        long count = 0;
        while (ends.entrySet().stream().anyMatch(e -> results.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<byte[], byte[]> r : results.poll(Duration.ofMillis(200))) {
                if (ofRun(r.value(), runId)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean ofRun(byte[] value, String runId) {
        try {
            return ResultCodec.decode(new String(value, StandardCharsets.UTF_8)).runId().equals(runId);
        } catch (IllegalArgumentException unreadable) {
            return false; // a hostile record: the decision layer logs it without a decision
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)));
    }

    /** Waits until {@code group} has committed every record lab.events holds now, and lab.results has no open transaction. */
    static void awaitConsumed(String group) {
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> ends = latest(admin, "lab.events", IsolationLevel.READ_UNCOMMITTED);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                boolean consumed = ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
                return consumed && latest(admin, "lab.results", IsolationLevel.READ_COMMITTED)
                        .equals(latest(admin, "lab.results", IsolationLevel.READ_UNCOMMITTED));
            });
        }
    }

    private static Map<TopicPartition, Long> latest(Admin admin, String topic, IsolationLevel isolation) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (TopicPartitionInfo p : admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions()) {
                request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(10, TimeUnit.SECONDS)
                    .forEach((p, info) -> offsets.put(p, info.offset()));
            return offsets;
        } catch (Exception e) {
            throw new IllegalStateException("offsets of " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * The verdict once both read models judge every window of {@code engine} as PostgreSQL does (so none is
     * LAGGING); asserts that each holds PostgreSQL's version of every window.
     */
    public static JsonPath convergedVerdict(String runId, String engine) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonPath v = given().get("/api/runs/" + runId + "/verdict").then().statusCode(200).extract().jsonPath();
            Map<String, Integer> postgres = v.getMap("totals." + engine + ".POSTGRES");
            return postgres.equals(v.getMap("totals." + engine + ".MONGODB"))
                    && postgres.equals(v.getMap("totals." + engine + ".ELASTICSEARCH"));
        });
        JsonPath verdict = given().get("/api/runs/" + runId + "/verdict").then().extract().jsonPath();
        for (Map<String, Object> window : windows(verdict, engine)) {
            Map<?, ?> stores = (Map<?, ?>) window.get("stores");
            Object version = ((Map<?, ?>) stores.get("POSTGRES")).get("version");
            for (String readModel : List.of("MONGODB", "ELASTICSEARCH")) {
                assertThat(((Map<?, ?>) stores.get(readModel)).get("version")).as("%s %s", readModel, window).isEqualTo(version);
            }
        }
        return verdict;
    }

    /** The windows of one engine in a verdict. */
    static List<Map<String, Object>> windows(JsonPath verdict, String engine) {
        return verdict.getList("windows.findAll { it.engine == '" + engine + "' }");
    }

    /** What PostgreSQL's verdict says of one window of a verdict. */
    static String postgresVerdict(Map<String, Object> window) {
        return (String) ((Map<?, ?>) ((Map<?, ?>) window.get("stores")).get("POSTGRES")).get("verdict");
    }

    /** {@code business_key@window_start} of each row whose first two columns are a key and a window start. */
    Set<String> windowKeys(String sql, String runId) {
        Set<String> windows = new HashSet<>();
        rows(sql, runId).forEach(r -> windows.add(r.getString(0) + "@" + r.getOffsetDateTime(1).toInstant()));
        return windows;
    }

    /** Windows holding at least one event the generator made late, as {@code business_key@window_start}. */
    Set<String> windowsWithLateEvents(String runId, long windowSizeMs) {
        Set<String> windows = new HashSet<>();
        rows("select business_key, event_time from truth_event where run_id = $1 and late", runId).forEach(r ->
                windows.add(r.getString(0) + "@" + Oracle.windowStart(r.getOffsetDateTime(1).toInstant(), windowSizeMs)));
        return windows;
    }

    List<Row> rows(String sql, String runId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(runId)).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }

    /** The lab's command line on the test stack ({@code ./lab ARGS}); fails the test unless it exits with 0. */
    public static void lab(String... args) throws Exception {
        String cli = System.getProperty("lab.cli");
        assertThat(cli).as("lab.cli: run the integration tests through ./lab test").isNotBlank();
        assertThat(Path.of(cli)).exists();
        List<String> command = new ArrayList<>(List.of(cli));
        command.addAll(List.of(args));
        ProcessBuilder lab = new ProcessBuilder(command).redirectErrorStream(true);
        lab.environment().put("LAB_HOME", System.getProperty("lab.home"));
        lab.environment().put("LAB_PORT_OFFSET", System.getProperty("lab.port.offset", "0"));
        Process process = lab.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(process.waitFor()).as("exit code of lab %s:%n%s", String.join(" ", args), output).isZero();
    }

    /** Sends a signal (STOP, CONT, KILL) to a component of the test stack, by the pid the lab recorded for it. */
    public static void signal(String component, String signal) throws Exception {
        Path pidFile = Path.of(System.getProperty("lab.home"), "run", component + ".pid");
        String pid = Files.readString(pidFile).trim();
        Process kill = new ProcessBuilder("kill", "-" + signal, pid).redirectErrorStream(true).start();
        assertThat(kill.waitFor()).as("kill -%s %s (%s)", signal, pid, component).isZero();
    }
}
