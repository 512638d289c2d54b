package consistency.wire;

import java.time.Instant;

/**
 * One emission of a window's result on {@code lab.results}, by either processing engine.
 * Identity: {@code (processingEngine, businessKey, windowStart)}.
 *
 * @param revision           1 for the first emission of a window, +1 for each re-emission by the same state
 * @param incarnation        the consumer instance or job attempt that emitted it; changes on restart
 * @param checkpointId       Flink: id of the last completed checkpoint, null before the first; Kafka-only: null
 *                           (it has no checkpoints)
 * @param lastCheckpointTime Flink: time of the last completed checkpoint; Kafka-only: time of the last offset
 *                           commit; null before the first
 * @param lateUpdate         the emission was caused by a late event
 * @param resumed            Kafka-only: the processor resumed reading the window's partition mid-stream (after a
 *                           restart or a reassignment, from a committed offset) at a point that may lie inside the
 *                           window, so events of it read before may be missing; Flink: always false (it restores
 *                           its state)
 * @param droppedLateEvents  Flink: events that missed the allowed lateness of this window
 * @param runId              the generator run of the window's events
 */
public record WindowResult(
        Engine processingEngine,
        String businessKey,
        Instant windowStart,
        Instant windowEnd,
        long calculatedValue,
        int eventCount,
        int revision,
        String incarnation,
        Instant lastCheckpointTime,
        Long checkpointId,
        boolean lateUpdate,
        boolean resumed,
        int droppedLateEvents,
        Instant emittedAt,
        String runId) {

    public enum Engine {
        KAFKA_ONLY, FLINK
    }
}
