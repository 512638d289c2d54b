package consistency.wire;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The wire format of {@code lab.results}, written by both engines and read by the decision layer: a JSON object
 * with the snake_case fields of {@link WindowResult} in component order, instants as ISO-8601 UTC strings
 * ({@link Instant#toString()}: {@code 2026-01-01T00:00:10Z}, fraction digits only when not zero), and
 * {@code last_checkpoint_time}, {@code checkpoint_id} and {@code run_id} written as null when absent.
 */
public final class ResultCodec {

    /** Without these a result cannot be placed; a result lacking them is rejected with their names. */
    private static final List<String> IDENTITY =
            List.of("processing_engine", "business_key", "window_start", "window_end", "incarnation");

    private ResultCodec() {
    }

    public static String encode(WindowResult r) {
        return JsonFields.write(384, json -> {
            json.writeStringField("processing_engine", r.processingEngine().name());
            json.writeStringField("business_key", r.businessKey());
            instant(json, "window_start", r.windowStart());
            instant(json, "window_end", r.windowEnd());
            json.writeNumberField("calculated_value", r.calculatedValue());
            json.writeNumberField("event_count", r.eventCount());
            json.writeNumberField("revision", r.revision());
            json.writeStringField("incarnation", r.incarnation());
            instant(json, "last_checkpoint_time", r.lastCheckpointTime());
            if (r.checkpointId() == null) {
                json.writeNullField("checkpoint_id");
            } else {
                json.writeNumberField("checkpoint_id", r.checkpointId());
            }
            json.writeBooleanField("late_update", r.lateUpdate());
            json.writeBooleanField("resumed", r.resumed());
            json.writeNumberField("dropped_late_events", r.droppedLateEvents());
            instant(json, "emitted_at", r.emittedAt());
            json.writeStringField("run_id", r.runId());
        });
    }

    /** A null string is written as JSON null, like the nullable number and string fields. */
    private static void instant(JsonGenerator json, String field, Instant value) throws IOException {
        json.writeStringField(field, value == null ? null : value.toString());
    }

    /**
     * Parses one record value. An {@link IllegalArgumentException} says what is wrong: {@code result lacks ...}
     * naming missing identity fields, otherwise {@code unreadable result: ...}.
     */
    public static WindowResult decode(String value) {
        JsonFields fields = JsonFields.parse(value, reason -> new IllegalArgumentException("unreadable result: " + reason));
        List<String> missing = IDENTITY.stream().filter(field -> !fields.has(field)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("result lacks " + String.join(", ", missing));
        }
        WindowResult result = new WindowResult(
                engine(fields),
                fields.text("business_key"),
                fields.instant("window_start"),
                fields.instant("window_end"),
                fields.integer("calculated_value"),
                fields.smallInteger("event_count"),
                fields.smallInteger("revision"),
                fields.text("incarnation"),
                fields.optionalInstant("last_checkpoint_time"),
                fields.optionalInteger("checkpoint_id"),
                fields.bool("late_update"),
                fields.bool("resumed"),
                fields.smallInteger("dropped_late_events"),
                fields.instant("emitted_at"),
                fields.optionalText("run_id"));
        if (result.revision() < 1) {
            throw new IllegalArgumentException("revision must be at least 1, got " + result.revision());
        }
        return result;
    }

    private static WindowResult.Engine engine(JsonFields fields) {
        String name = fields.text("processing_engine");
        return Arrays.stream(WindowResult.Engine.values()).filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> fields.malformed("field processing_engine must be one of "
                        + Arrays.toString(WindowResult.Engine.values()) + ", got " + name));
    }
}
