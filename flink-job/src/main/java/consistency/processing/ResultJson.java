package consistency.processing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The wire format of a result on {@code lab.results} (SPEC §5): a JSON object with snake_case fields in a fixed
 * order, instants as ISO-8601 UTC strings ({@code 2026-01-01T00:00:10Z}, milliseconds only when not zero),
 * {@code last_checkpoint_time} and {@code checkpoint_id} null before the first completed checkpoint.
 */
public final class ResultJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ResultJson() {
    }

    public static String encode(WindowResult r) {
        StringWriter out = new StringWriter(384);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("processing_engine", WindowResult.ENGINE);
            json.writeStringField("business_key", r.businessKey());
            json.writeStringField("window_start", instant(r.windowStart()));
            json.writeStringField("window_end", instant(r.windowEnd()));
            json.writeNumberField("calculated_value", r.calculatedValue());
            json.writeNumberField("event_count", r.eventCount());
            json.writeNumberField("revision", r.revision());
            json.writeStringField("incarnation", r.incarnation());
            if (r.lastCheckpointTime() == null) {
                json.writeNullField("last_checkpoint_time");
            } else {
                json.writeStringField("last_checkpoint_time", instant(r.lastCheckpointTime()));
            }
            if (r.checkpointId() == null) {
                json.writeNullField("checkpoint_id");
            } else {
                json.writeNumberField("checkpoint_id", r.checkpointId());
            }
            json.writeBooleanField("late_update", r.lateUpdate());
            json.writeNumberField("dropped_late_events", r.droppedLateEvents());
            json.writeStringField("emitted_at", instant(r.emittedAt()));
            if (r.runId() == null) {
                json.writeNullField("run_id");
            } else {
                json.writeStringField("run_id", r.runId());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
