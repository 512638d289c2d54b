package consistency.decision;

import consistency.wire.WindowResult.Engine;

import java.time.Instant;

/** One row of {@code aggregate_state}: the decided value of a window for one engine. */
public record WindowState(
        Engine processingEngine,
        String businessKey,
        Instant windowStart,
        Instant windowEnd,
        String runId,
        long calculatedValue,
        int eventCount,
        int revision,
        String incarnation,
        Long checkpointId,
        Instant lastCheckpointTime,
        Confidence confidence,
        boolean stale,
        boolean needsReprocessing,
        int droppedLateEvents,
        long version,
        Instant updatedAt) {

    /** {@code ENGINE|business_key|window_start}: the identity of a result, of an outbox row and of a read-model document. */
    public String resultKey() {
        return resultKey(processingEngine, businessKey, windowStart);
    }

    public static String resultKey(Engine engine, String businessKey, Instant windowStart) {
        return engine + "|" + businessKey + "|" + windowStart;
    }
}
