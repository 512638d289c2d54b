package consistency.store;

import consistency.decision.Confidence;
import consistency.decision.WindowState;
import consistency.wire.WindowResult.Engine;
import java.time.Instant;
import java.util.Map;

/**
 * A window as a read model holds it: the PostgreSQL state of the version it reflects (the outbox document),
 * when CDC applied it ({@code last_cdc_sync_time}) and when PostgreSQL committed it ({@code source_commit_time}).
 */
public record ReadModelWindow(WindowState state, Instant lastCdcSyncTime, Instant sourceCommitTime) {

    /** Reads a stored document (MongoDB document or Elasticsearch _source); a field it lacks is an error. */
    public static ReadModelWindow of(Map<String, ?> doc) {
        WindowState state = new WindowState(
                Engine.valueOf(text(doc, "processing_engine")),
                text(doc, "business_key"),
                instant(doc, "window_start"),
                instant(doc, "window_end"),
                (String) doc.get("run_id"),
                number(doc, "calculated_value").longValue(),
                number(doc, "event_count").intValue(),
                number(doc, "revision").intValue(),
                (String) doc.get("incarnation"),
                doc.get("checkpoint_id") instanceof Number n ? n.longValue() : null,
                optionalInstant(doc, "last_checkpoint_time"),
                Confidence.valueOf(text(doc, "confidence_level")),
                Boolean.TRUE.equals(doc.get("stale")),
                Boolean.TRUE.equals(doc.get("needs_reprocessing")),
                number(doc, "dropped_late_events").intValue(),
                number(doc, "version").longValue(),
                instant(doc, "updated_at"));
        return new ReadModelWindow(state, instant(doc, "last_cdc_sync_time"), optionalInstant(doc, "source_commit_time"));
    }

    private static String text(Map<String, ?> doc, String field) {
        if (doc.get(field) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("read-model document without text field " + field + ": " + doc.get("_id"));
    }

    private static Number number(Map<String, ?> doc, String field) {
        if (doc.get(field) instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("read-model document without number field " + field + ": " + doc.get("_id"));
    }

    private static Instant instant(Map<String, ?> doc, String field) {
        return Instant.parse(text(doc, field));
    }

    private static Instant optionalInstant(Map<String, ?> doc, String field) {
        return doc.get(field) == null ? null : instant(doc, field);
    }
}
