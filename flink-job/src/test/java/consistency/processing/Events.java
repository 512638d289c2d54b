package consistency.processing;

import consistency.wire.LabEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Test events on a fixed time axis. */
final class Events {

    /** 2026-01-01T00:00:00Z, a window boundary for any window size that divides a day. */
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private Events() {
    }

    static ParsedEvent event(String key, String eventId, long amount, long eventTime) {
        RawRecord raw = new RawRecord("lab.events", 0, 0, key.getBytes(StandardCharsets.UTF_8),
                json(eventId, "run-1", key, 1, amount, Instant.ofEpochMilli(eventTime).toString())
                        .getBytes(StandardCharsets.UTF_8));
        Instant time = Instant.ofEpochMilli(eventTime);
        return new ParsedEvent(raw, new LabEvent(eventId, "run-1", key, 1, amount, time, time));
    }

    static String json(String eventId, String runId, String key, long sequence, long amount, String eventTime) {
        return "{\"event_id\":\"%s\",\"run_id\":\"%s\",\"business_key\":\"%s\",\"sequence\":%d,\"amount\":%d,"
                .formatted(eventId, runId, key, sequence, amount)
                + "\"event_time\":\"%s\",\"produce_time\":\"%s\"}".formatted(eventTime, eventTime);
    }
}
