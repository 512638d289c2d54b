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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mode A end to end on the real stack: generator → lab.events → the Kafka-only processor (its own process,
 * started by the lab) → lab.results → this service's decision layer → PostgreSQL, judged by the ground truth.
 */
@QuarkusTest
class KafkaOnlyPipelineIT {

    /** Flink decides the same runs into the same tables; these tests look at Mode A only. */
    private static final String KAFKA_ONLY = "and processing_engine = 'KAFKA_ONLY'";

    @Inject
    Pool pool;

    private List<Row> rows(String sql, String runId) {
        return new PipelineRuns(pool).rows(sql, runId);
    }

    private static JsonPath settledVerdict(String runId) {
        return PipelineRuns.settledVerdict(runId, "KAFKA_ONLY");
    }

    private static int windows(JsonPath verdict) {
        return PipelineRuns.windows(verdict, "KAFKA_ONLY").size();
    }

    @Test
    void aCleanRunIsDecidedExactlyAndEventuallyConsistent() {
        String runId = PipelineRuns.start("{\"seed\": 11, \"keys\": 3, \"events_per_key\": 120}");
        PipelineRuns.awaitSent(runId);
        JsonPath verdict = settledVerdict(runId);

        assertThat(verdict.getInt("totals.KAFKA_ONLY.POSTGRES.CORRECT")).isEqualTo(windows(verdict)).isGreaterThanOrEqualTo(9);
        assertThat(rows("select distinct decision from decision_log where run_id = $1 " + KAFKA_ONLY, runId))
                .extracting(r -> r.getString(0)).containsExactly("INSERTED");
        assertThat(rows("select distinct confidence_level from aggregate_state where run_id = $1 " + KAFKA_ONLY, runId))
                .extracting(r -> r.getString(0)).containsExactly("EVENTUALLY_CONSISTENT");
    }

    @Test
    void duplicatesReplaysAndShufflingAreAbsorbed() {
        String runId = PipelineRuns.start("""
                {"seed": 12, "keys": 3, "events_per_key": 120, "duplicates": {"rate": 0.3},
                 "out_of_order": {"window_ms": 1500}, "replay": {"from_sequence": 100, "count": 20}}""");
        PipelineRuns.awaitSent(runId);
        JsonPath verdict = settledVerdict(runId);

        assertThat(verdict.getInt("totals.KAFKA_ONLY.POSTGRES.CORRECT")).isEqualTo(windows(verdict));
        assertThat(verdict.getInt("totals.KAFKA_ONLY.POSTGRES.WRONG")).isZero();
    }

    @Test
    void lateEventsBecomeStaleLateUpdatesOfTheirWindows() {
        String runId = PipelineRuns.start("""
                {"seed": 13, "keys": 3, "events_per_key": 200, "out_of_order": {"window_ms": 1000},
                 "late": {"fraction": 0.05, "late_by_ms": 20000}}""");
        PipelineRuns.awaitSent(runId);
        JsonPath verdict = settledVerdict(runId);

        Set<String> windowsWithLateEvents = new PipelineRuns(pool).windowsWithLateEvents(runId, 10_000);
        Set<String> staleWindows = new PipelineRuns(pool).windowKeys("select business_key, window_start "
                + "from aggregate_state where run_id = $1 and stale " + KAFKA_ONLY, runId);
        assertThat(rows("select distinct confidence_level from aggregate_state where run_id = $1 and stale " + KAFKA_ONLY,
                runId)).extracting(r -> r.getString(0)).containsExactly("LOW");
        assertThat(windowsWithLateEvents).hasSizeGreaterThan(5);
        assertThat(staleWindows).isEqualTo(windowsWithLateEvents);
        assertThat(rows("select count(*) from decision_log where run_id = $1 and decision = 'LATE_UPDATE_STALE' " + KAFKA_ONLY, runId)
                .get(0).getLong(0)).isEqualTo(30);
        assertThat(verdict.getInt("totals.KAFKA_ONLY.POSTGRES.CORRECT")).isEqualTo(windows(verdict));

        JsonPath converged = PipelineRuns.convergedVerdict(runId, "KAFKA_ONLY");
        assertThat(converged.getInt("totals.KAFKA_ONLY.MONGODB.CORRECT")).isEqualTo(windows(verdict));
        assertThat(converged.getInt("totals.KAFKA_ONLY.ELASTICSEARCH.CORRECT")).isEqualTo(windows(verdict));
    }

    @Test
    void aProcessorKilledMidRunRecomputesWindowsThatAreDecidedLowAndJudgedWrong() throws Exception {
        String runId = PipelineRuns.start("{\"seed\": 14, \"keys\": 4, \"events_per_key\": 800, \"events_per_second\": 150}");
        await().atMost(Duration.ofSeconds(60)).until(() -> PipelineRuns.eventsSent(runId) >= 600);
        PipelineRuns.lab("fault", "processor-restart", "--reemit");
        PipelineRuns.awaitSent(runId);
        JsonPath verdict = settledVerdict(runId);

        assertThat(rows("select count(distinct incarnation) from decision_log where run_id = $1 " + KAFKA_ONLY, runId).get(0).getLong(0))
                .isEqualTo(2);
        // Windows the new incarnation emitted again after the old one had: decided as restart duplication (or, for
        // a late event, a stale late update), and LOW.
        List<Row> recomputed = rows("select s.confidence_level, array_agg(distinct d.decision) from decision_log d "
                + "join aggregate_state s using (processing_engine, business_key, window_start) where d.run_id = $1 "
                + "and processing_engine = 'KAFKA_ONLY' group by s.processing_engine, s.business_key, s.window_start, "
                + "s.confidence_level having count(distinct d.incarnation) = 2", runId);
        assertThat(recomputed).allSatisfy(r -> {
            assertThat(r.getString(0)).isEqualTo("LOW");
            assertThat(r.getArrayOfStrings(1)).containsAnyOf("RESTART_DUPLICATION", "LATE_UPDATE_STALE");
        });
        // Events applied before the last commit of the killed processor are lost to the windows still open then,
        // whichever incarnation emitted them last: the verdict shows them.
        int wrong = verdict.getInt("totals.KAFKA_ONLY.POSTGRES.WRONG");
        assertThat(wrong).isPositive();
        List<Map<String, Object>> wrongWindows = PipelineRuns.windows(verdict, "KAFKA_ONLY").stream()
                .filter(w -> "WRONG".equals(PipelineRuns.postgresVerdict(w))).toList();
        assertThat(wrongWindows).hasSize(wrong).allSatisfy(w -> assertThat(w.get("expected")).isNotNull());
        System.out.printf("processor restart: %d windows, %d recomputed by the new incarnation, %d wrong%n",
                windows(verdict), recomputed.size(), wrong);
    }
}
