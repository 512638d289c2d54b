package consistency.outbox;

import consistency.decision.Decision;
import consistency.decision.WindowState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.List;

/**
 * Writes each new version of a window to the outbox, in the transaction that decides it, so CDC carries to the read
 * models exactly what PostgreSQL committed.
 */
public final class OutboxWriter {

    public static final String INSERT = "insert into outbox (aggregate_id, version, payload) values ($1, $2, $3)";

    private OutboxWriter() {
    }

    /** Adds the version a writing decision produced to the outbox, on the connection of its transaction. */
    public static Uni<RowSet<Row>> write(SqlConnection conn, Decision d) {
        return conn.preparedQuery(INSERT).execute(Tuple.from(values(d)));
    }

    /** The parameters of {@link #INSERT}; public for the plain-JDBC baseline of the decision benchmark. */
    public static List<Object> values(Decision d) {
        return List.of(d.after().resultKey(), d.after().version(), document(d));
    }

    /** The read-model document of a window version (docs/consistency-spec.md §7); the CDC sinks add scope and sync time. */
    static JsonObject document(Decision d) {
        WindowState s = d.after();
        return new JsonObject()
                .put("aggregate_id", s.resultKey())
                .put("business_key", s.businessKey())
                .put("window_start", s.windowStart().toString())
                .put("window_end", s.windowEnd().toString())
                .put("run_id", s.runId())
                .put("calculated_value", s.calculatedValue())
                .put("event_count", s.eventCount())
                .put("revision", s.revision())
                .put("confidence_level", s.confidence().name())
                .put("stale", s.stale())
                .put("needs_reprocessing", s.needsReprocessing())
                .put("dropped_late_events", s.droppedLateEvents())
                .put("processing_engine", s.processingEngine().name())
                .put("incarnation", s.incarnation())
                .put("checkpoint_id", s.checkpointId())
                .put("last_checkpoint_time", s.lastCheckpointTime() == null ? null : s.lastCheckpointTime().toString())
                .put("updated_at", s.updatedAt().toString())
                .put("version", s.version())
                .put("decision", d.kind().name())
                .put("reason", d.reason());
    }
}
