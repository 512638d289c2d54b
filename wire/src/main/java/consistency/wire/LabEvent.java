package consistency.wire;

import java.time.Instant;

/**
 * One business event as it travels on {@code lab.events}: exactly the fields a real source would send.
 * Nothing here says whether the event is a duplicate, a replay or late; only the ground truth knows.
 */
public record LabEvent(
        String eventId,
        String runId,
        String businessKey,
        long sequence,
        long amount,
        Instant eventTime,
        Instant produceTime) implements SourceRecord {

    /** The same event as sent again: identical except for the time it reached Kafka. */
    public LabEvent producedAt(Instant time) {
        return new LabEvent(eventId, runId, businessKey, sequence, amount, eventTime, time);
    }
}
