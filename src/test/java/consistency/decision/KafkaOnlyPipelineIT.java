package consistency.decision;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mode A end to end on the real stack: generator → lab.events → the Kafka-only processor (its own process,
 * started by the lab) → lab.results → this service's decision layer → PostgreSQL, judged by the ground truth.
 */
@QuarkusTest
class KafkaOnlyPipelineIT {

    @Inject
    Pool pool;

    private static String startRun(String scenario) {
        String runId = given().contentType("application/json").body(scenario).post("/api/runs")
                .then().statusCode(201).extract().path("run_id");
        return runId;
    }

    private static void awaitSent(String runId) {
        await().atMost(Duration.ofSeconds(90)).until(() -> "DONE".equals(given().get("/api/runs/" + runId).path("state")));
    }

    /** The verdict once no window is missing and the totals stopped changing. */
    private static JsonPath settledVerdict(String runId) {
        List<Map<String, Integer>> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, Integer> totals = given().get("/api/runs/" + runId + "/verdict").then().statusCode(200)
                    .extract().jsonPath().getMap("totals.KAFKA_ONLY.POSTGRES");
            seen.add(totals);
            int n = seen.size();
            return totals.get("MISSING") == 0 && n >= 4 && seen.get(n - 4).equals(totals);
        });
        return given().get("/api/runs/" + runId + "/verdict").then().extract().jsonPath();
    }

    private List<Row> rows(String sql, String runId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(runId)).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }

    private static int windows(JsonPath verdict) {
        return verdict.getList("windows").size();
    }

    @Test
    void aCleanRunIsDecidedExactlyAndEventuallyConsistent() {
        String runId = startRun("{\"seed\": 11, \"keys\": 3, \"events_per_key\": 120}");
        awaitSent(runId);
        JsonPath verdict = settledVerdict(runId);

        assertThat(verdict.getInt("totals.KAFKA_ONLY.POSTGRES.CORRECT")).isEqualTo(windows(verdict)).isGreaterThanOrEqualTo(9);
        assertThat(rows("select distinct decision from decision_log where run_id = $1", runId))
                .extracting(r -> r.getString(0)).containsExactly("INSERTED");
        assertThat(rows("select distinct confidence_level from aggregate_state where run_id = $1", runId))
                .extracting(r -> r.getString(0)).containsExactly("EVENTUALLY_CONSISTENT");
    }

    @Test
    void duplicatesReplaysAndShufflingAreAbsorbed() {
        String runId = startRun("""
                {"seed": 12, "keys": 3, "events_per_key": 120, "duplicates": {"rate": 0.3},
                 "out_of_order": {"window_ms": 1500}, "replay": {"from_sequence": 100, "count": 20}}""");
        awaitSent(runId);
        JsonPath verdict = settledVerdict(runId);

        assertThat(verdict.getInt("totals.KAFKA_ONLY.POSTGRES.CORRECT")).isEqualTo(windows(verdict));
        assertThat(verdict.getInt("totals.KAFKA_ONLY.POSTGRES.WRONG")).isZero();
    }

    @Test
    void lateEventsBecomeStaleLateUpdatesOfTheirWindows() {
        String runId = startRun("""
                {"seed": 13, "keys": 3, "events_per_key": 200, "out_of_order": {"window_ms": 1000},
                 "late": {"fraction": 0.05, "late_by_ms": 20000}}""");
        awaitSent(runId);
        JsonPath verdict = settledVerdict(runId);

        Set<String> windowsWithLateEvents = new HashSet<>();
        rows("select business_key, event_time from truth_event where run_id = $1 and late", runId).forEach(r ->
                windowsWithLateEvents.add(r.getString(0) + "@" + Instant.ofEpochMilli(
                        Math.floorDiv(r.getOffsetDateTime(1).toInstant().toEpochMilli(), 10_000) * 10_000)));
        Set<String> staleWindows = new HashSet<>();
        rows("select business_key, window_start, confidence_level from aggregate_state where run_id = $1 and stale", runId)
                .forEach(r -> {
                    assertThat(r.getString(2)).isEqualTo("LOW");
                    staleWindows.add(r.getString(0) + "@" + r.getOffsetDateTime(1).toInstant());
                });
        assertThat(windowsWithLateEvents).hasSizeGreaterThan(5);
        assertThat(staleWindows).isEqualTo(windowsWithLateEvents);
        assertThat(rows("select count(*) from decision_log where run_id = $1 and decision = 'LATE_UPDATE_STALE'", runId)
                .get(0).getLong(0)).isEqualTo(30);
        assertThat(verdict.getInt("totals.KAFKA_ONLY.POSTGRES.CORRECT")).isEqualTo(windows(verdict));
    }

    @Test
    void aProcessorKilledMidRunRecomputesWindowsThatAreDecidedLowAndJudgedWrong() throws Exception {
        String runId = startRun("{\"seed\": 14, \"keys\": 4, \"events_per_key\": 400, \"events_per_second\": 150}");
        awaitKillMoment(runId);
        restartProcessor();
        awaitSent(runId);
        JsonPath verdict = settledVerdict(runId);

        List<Row> restarted = rows("select distinct d.business_key, d.window_start, s.confidence_level from decision_log d "
                + "join aggregate_state s using (processing_engine, business_key, window_start) "
                + "where d.run_id = $1 and d.decision = 'RESTART_DUPLICATION'", runId);
        assertThat(restarted).isNotEmpty().allSatisfy(r -> assertThat(r.getString(2)).isEqualTo("LOW"));
        assertThat(rows("select count(distinct incarnation) from decision_log where run_id = $1", runId).get(0).getLong(0))
                .isEqualTo(2);
        int wrong = verdict.getInt("totals.KAFKA_ONLY.POSTGRES.WRONG");
        assertThat(wrong).isPositive();
        List<Map<String, Object>> wrongWindows = verdict.getList("windows.findAll { it.stores.POSTGRES.verdict == 'WRONG' }");
        assertThat(wrongWindows).hasSize(wrong).allSatisfy(w -> assertThat(w.get("expected")).isNotNull());
        System.out.printf("processor restart: %d windows, %d restart duplications, %d wrong%n", windows(verdict),
                restarted.size(), wrong);
    }

    /**
     * Waits until the run is well under way and the processor's last offset commit (every 5 s, carried by its
     * results as last_checkpoint_time) is 2–4 s old: the kill then loses both open windows and emitted ones.
     */
    private void awaitKillMoment(String runId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            int sent = given().get("/api/runs/" + runId).path("events_sent");
            List<Row> last = rows("select last_checkpoint_time from decision_log where run_id = $1 "
                    + "and last_checkpoint_time is not null order by id desc limit 1", runId);
            if (sent < 400 || last.isEmpty()) {
                return false;
            }
            long sinceCommit = Duration.between(last.get(0).getOffsetDateTime(0).toInstant(), Instant.now()).toMillis();
            return sinceCommit >= 2_000 && sinceCommit <= 4_000;
        });
    }

    /** The lab's own fault: kill -9 of the processor process, then a new one. */
    private static void restartProcessor() throws Exception {
        String cli = System.getProperty("lab.cli");
        assertThat(cli).as("lab.cli: run the integration tests through ./lab test").isNotBlank();
        assertThat(Path.of(cli)).exists();
        ProcessBuilder fault = new ProcessBuilder(cli, "fault", "processor-restart").redirectErrorStream(true);
        fault.environment().put("LAB_HOME", System.getProperty("lab.home"));
        fault.environment().put("LAB_PORT_OFFSET", System.getProperty("lab.port.offset", "0"));
        Process process = fault.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(process.waitFor()).as("exit code of lab fault processor-restart:%n%s", output).isZero();
    }
}
