package consistency.decision;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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
    }

    @Test
    void aProcessorKilledMidRunRecomputesWindowsThatAreDecidedLowAndJudgedWrong() throws Exception {
        String runId = PipelineRuns.start("{\"seed\": 14, \"keys\": 4, \"events_per_key\": 800, \"events_per_second\": 150}");
        awaitKillMoment(runId);
        PipelineRuns.fault("processor-restart");
        PipelineRuns.awaitSent(runId);
        JsonPath verdict = settledVerdict(runId);

        List<Row> restarted = rows("select distinct d.business_key, d.window_start, s.confidence_level from decision_log d "
                + "join aggregate_state s using (processing_engine, business_key, window_start) "
                + "where d.run_id = $1 and d.decision = 'RESTART_DUPLICATION' and processing_engine = 'KAFKA_ONLY'", runId);
        assertThat(restarted).isNotEmpty().allSatisfy(r -> assertThat(r.getString(2)).isEqualTo("LOW"));
        assertThat(rows("select count(distinct incarnation) from decision_log where run_id = $1 " + KAFKA_ONLY, runId).get(0).getLong(0))
                .isEqualTo(2);
        int wrong = verdict.getInt("totals.KAFKA_ONLY.POSTGRES.WRONG");
        assertThat(wrong).isPositive();
        List<Map<String, Object>> wrongWindows = PipelineRuns.windows(verdict, "KAFKA_ONLY").stream()
                .filter(w -> "WRONG".equals(PipelineRuns.postgresVerdict(w))).toList();
        assertThat(wrongWindows).hasSize(wrong).allSatisfy(w -> assertThat(w.get("expected")).isNotNull());
        System.out.printf("processor restart: %d windows, %d restart duplications, %d wrong%n", windows(verdict),
                restarted.size(), wrong);
    }

    /**
     * Waits until the run is well under way and the processor's last offset commit (every 5 s, carried by its
     * results as last_checkpoint_time) is 2–4 s old, seen through a result decided within the last second (so a
     * lagging decision layer cannot hide a newer commit), while at least 3 s of sending remain (after the last
     * event, a commit covers everything and a restart has nothing to re-read): the kill then loses both open
     * windows and emitted ones.
     */
    private void awaitKillMoment(String runId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<Row> last = rows("select last_checkpoint_time, decided_at from decision_log where run_id = $1 "
                    + "and last_checkpoint_time is not null " + KAFKA_ONLY + " order by id desc limit 1", runId);
            int sent = PipelineRuns.eventsSent(runId);
            if (sent < 400 || sent > 3_200 - 450 || last.isEmpty()) {
                return false;
            }
            Instant now = Instant.now();
            long sinceCommit = Duration.between(last.get(0).getOffsetDateTime(0).toInstant(), now).toMillis();
            long sinceDecided = Duration.between(last.get(0).getOffsetDateTime(1).toInstant(), now).toMillis();
            return sinceDecided <= 1_000 && sinceCommit >= 2_000 && sinceCommit <= 4_000;
        });
    }
}
