package consistency.store;

import consistency.decision.Confidence;
import consistency.decision.WindowState;
import consistency.wire.WindowResult.Engine;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Mapping between PostgreSQL rows and the window state; the column list is shared by state and decision log. */
final class StateRows {

    /** The columns describing a window's result, shared by aggregate_state and decision_log. */
    static final String RESULT_COLUMNS = "processing_engine, business_key, window_start, window_end, run_id, "
            + "calculated_value, event_count, revision, incarnation, checkpoint_id, last_checkpoint_time, stale, "
            + "needs_reprocessing, dropped_late_events";
    /** The columns of aggregate_state, in the order {@link #stateValues} gives them. */
    static final String STATE_COLUMNS = RESULT_COLUMNS + ", confidence_level, version, updated_at";

    private StateRows() {
    }

    static List<Object> resultValues(WindowState s) {
        return new ArrayList<>(Arrays.asList(s.processingEngine().name(), s.businessKey(), utc(s.windowStart()),
                utc(s.windowEnd()), s.runId(), s.calculatedValue(), s.eventCount(), s.revision(), s.incarnation(),
                s.checkpointId(), utc(s.lastCheckpointTime()), s.stale(), s.needsReprocessing(), s.droppedLateEvents()));
    }

    static List<Object> stateValues(WindowState s) {
        List<Object> values = resultValues(s);
        values.addAll(Arrays.asList(s.confidence().name(), s.version(), utc(s.updatedAt())));
        return values;
    }

    static WindowState state(Row r) {
        return stateWith(r, Confidence.valueOf(r.getString("confidence_level")), r.getLong("version"),
                instant(r, "updated_at"));
    }

    /** A state from the result columns of a row, with confidence, version and time given separately. */
    static WindowState stateWith(Row r, Confidence confidence, long version, Instant updatedAt) {
        return new WindowState(Engine.valueOf(r.getString("processing_engine")), r.getString("business_key"),
                instant(r, "window_start"), instant(r, "window_end"), r.getString("run_id"), r.getLong("calculated_value"),
                r.getInteger("event_count"), r.getInteger("revision"), r.getString("incarnation"),
                r.getLong("checkpoint_id"), instant(r, "last_checkpoint_time"), confidence, r.getBoolean("stale"),
                r.getBoolean("needs_reprocessing"), r.getInteger("dropped_late_events"), version, updatedAt);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static String placeholders(int from, int count) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append('$').append(from + i);
        }
        return sql.toString();
    }
}
