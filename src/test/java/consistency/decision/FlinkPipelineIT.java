package consistency.decision;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mode B end to end on the real stack: generator → lab.events → the Flink job on the lab's JobManager and
 * TaskManager → lab.results (exactly-once) → this service's decision layer → PostgreSQL, judged by the truth.
 */
@QuarkusTest
class FlinkPipelineIT {

    private static final String FLINK = "and processing_engine = 'FLINK'";

    @Inject
    Pool pool;

    private List<Row> rows(String sql, String runId) {
        return new PipelineRuns(pool).rows(sql, runId);
    }

    /*
     * Lateness in Flink is relative to the watermark, the minimum over all partitions: an event the generator
     * made late is on time for Flink if the partitions were consumed unevenly and the watermark had not yet
     * passed its window. So these tests pace their runs (partitions then progress together) and assert what
     * holds whatever the interleaving: every recomputed or flagged window holds a late event, and the values
     * are exact except in flagged windows.
     */

    @Test
    void duplicatesAndLateEventsWithinAllowedLatenessAreRecomputedExactly() {
        String runId = PipelineRuns.start("""
                {"seed": 21, "keys": 3, "events_per_key": 200, "duplicates": {"rate": 0.2},
                 "out_of_order": {"window_ms": 2000}, "late": {"fraction": 0.05, "late_by_ms": 25000},
                 "replay": {"from_sequence": 150, "count": 20}, "events_per_second": 150}""");
        PipelineRuns.awaitSent(runId);
        JsonPath verdict = PipelineRuns.settledVerdict(runId, "FLINK");

        List<Map<String, Object>> windows = PipelineRuns.windows(verdict, "FLINK");
        assertThat(windows).isNotEmpty().allSatisfy(w -> assertThat(PipelineRuns.postgresVerdict(w)).as("%s", w).isEqualTo("CORRECT"));
        assertThat(rows("select distinct confidence_level from aggregate_state where run_id = $1 " + FLINK, runId))
                .extracting(r -> r.getString(0)).containsExactly("HIGH");
        Set<String> recomputed = new PipelineRuns(pool).windowKeys("select business_key, window_start "
                + "from decision_log where run_id = $1 and decision = 'WINDOW_RECOMPUTED' " + FLINK, runId);
        assertThat(recomputed).isNotEmpty().isSubsetOf(new PipelineRuns(pool).windowsWithLateEvents(runId, 10_000));

        JsonPath converged = PipelineRuns.convergedVerdict(runId, "FLINK");
        assertThat(converged.getInt("totals.FLINK.MONGODB.CORRECT")).isEqualTo(windows.size());
        assertThat(converged.getInt("totals.FLINK.ELASTICSEARCH.CORRECT")).isEqualTo(windows.size());
    }

    @Test
    void eventsBeyondAllowedLatenessFlagTheirWindowsForReprocessing() {
        String runId = PipelineRuns.start("""
                {"seed": 22, "keys": 3, "events_per_key": 400, "out_of_order": {"window_ms": 2000},
                 "late": {"fraction": 0.02, "late_by_ms": 80000}, "events_per_second": 150}""");
        PipelineRuns.awaitSent(runId);
        JsonPath verdict = PipelineRuns.settledVerdict(runId, "FLINK");

        Set<String> flagged = new PipelineRuns(pool).windowKeys("select business_key, window_start from aggregate_state "
                + "where run_id = $1 and needs_reprocessing and confidence_level = 'LOW' and dropped_late_events > 0 "
                + FLINK, runId);
        assertThat(flagged).isNotEmpty().isSubsetOf(new PipelineRuns(pool).windowsWithLateEvents(runId, 10_000));
        for (Map<String, Object> w : PipelineRuns.windows(verdict, "FLINK")) {
            String window = w.get("business_key") + "@" + w.get("window_start");
            assertThat(PipelineRuns.postgresVerdict(w)).as(window).isEqualTo(flagged.contains(window) ? "WRONG" : "CORRECT");
        }
        System.out.printf("beyond allowed lateness: %d windows flagged of %d holding a late event%n", flagged.size(),
                new PipelineRuns(pool).windowsWithLateEvents(runId, 10_000).size());
    }

    @Test
    void aKilledTaskManagerIsReplacedAndTheJobRestoresWithoutDoubleCounting() throws Exception {
        String runId = PipelineRuns.start("""
                {"seed": 23, "keys": 4, "events_per_key": 400, "duplicates": {"rate": 0.1}, "events_per_second": 150}""");
        await().atMost(Duration.ofSeconds(60)).until(() -> !rows("select 1 from decision_log where run_id = $1 " + FLINK, runId).isEmpty());
        // Killed with results in the open transaction: the restored job must emit them again, as a new incarnation.
        PipelineRuns.lab("fault", "taskmanager-kill", "--after-checkpoint");
        PipelineRuns.awaitSent(runId);
        JsonPath verdict = PipelineRuns.settledVerdict(runId, "FLINK");

        assertThat(PipelineRuns.windows(verdict, "FLINK")).isNotEmpty()
                .allSatisfy(w -> assertThat(PipelineRuns.postgresVerdict(w)).as("%s", w).isEqualTo("CORRECT"));
        assertThat(rows("select distinct confidence_level from aggregate_state where run_id = $1 " + FLINK, runId))
                .extracting(r -> r.getString(0)).containsExactly("HIGH");
        assertThat(rows("select count(distinct incarnation) from decision_log where run_id = $1 " + FLINK, runId)
                .get(0).getLong(0)).isGreaterThanOrEqualTo(2);
        JsonPath checkpoints = given().baseUri(System.getProperty("lab.flink.rest"))
                .get("/jobs/" + runningJob() + "/checkpoints").then().statusCode(200).extract().jsonPath();
        assertThat(checkpoints.getMap("latest.restored")).as("the job restored from a checkpoint").isNotNull();
    }

    private static String runningJob() {
        List<String> running = given().baseUri(System.getProperty("lab.flink.rest")).get("/jobs/overview")
                .then().statusCode(200).extract().jsonPath().getList("jobs.findAll { it.state == 'RUNNING' }.jid");
        assertThat(running).as("running Flink jobs").hasSize(1);
        return running.get(0);
    }
}
