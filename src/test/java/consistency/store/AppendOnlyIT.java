package consistency.store;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database itself refuses to rewrite history. */
@QuarkusTest
class AppendOnlyIT {

    @Inject
    Pool pool;

    private long insertResult() {
        return pool.query("insert into result_log (topic, kafka_partition, kafka_offset, payload) "
                        + "values ('append-only-test', 0, (select coalesce(max(kafka_offset), 0) + 1 from result_log "
                        + "where topic = 'append-only-test'), '{}') returning id")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"update result_log set payload = 'x' where id = %d",
            "delete from result_log where id = %d",
            "update decision_log set reason = 'rewritten' where result_log_id = %d",
            "delete from decision_log where result_log_id = %d",
            "update outbox set version = 0 where aggregate_id = 'append-only-test-%d'",
            "delete from outbox where aggregate_id = 'append-only-test-%d'",
            "truncate result_log cascade"})
    void changingAnAppendOnlyTableFails(String change) {
        long id = insertResult();
        sql("insert into decision_log (result_log_id, processing_engine, business_key, window_start, window_end, "
                + "decision, reason, calculated_value, event_count, revision, incarnation, stale, needs_reprocessing, "
                + "dropped_late_events) values (" + id + ", 'FLINK', 'k', now(), now(), 'INSERTED', 'test', 1, 1, 1, "
                + "'i', false, false, 0)");
        sql("insert into outbox (aggregate_id, version, payload) values ('append-only-test-" + id + "', 1, '{}')");

        assertThatThrownBy(() -> sql(change.formatted(id))).hasMessageContaining("is append-only");
        long rows = pool.preparedQuery("select count(*) from result_log where id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void groundTruthCannotBeRewritten() {
        assertThatThrownBy(() -> sql("update truth_window set expected_value = expected_value + 1"))
                .hasMessageContaining("truth_window is append-only");
        assertThatThrownBy(() -> sql("delete from truth_event")).hasMessageContaining("truth_event is append-only");
    }

    @Test
    void aggregateVersionOnlyGrows() {
        sql("insert into aggregate_state (processing_engine, business_key, window_start, window_end, calculated_value, "
                + "event_count, revision, incarnation, confidence_level, version, updated_at) values ('FLINK', "
                + "'version-test-' || txid_current(), now(), now(), 1, 1, 1, 'i', 'HIGH', 5, now())");
        assertThatThrownBy(() -> sql("update aggregate_state set version = version - 1 where business_key like 'version-test-%'"))
                .hasMessageContaining("version must increase");
        sql("update aggregate_state set version = version + 1 where business_key like 'version-test-%'");
    }
}
