package consistency.decision;

import consistency.api.Limits;
import consistency.wire.WindowResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a well-formed result on {@code lab.results} can be believed (docs/consistency-spec.md §5.1). A result
 * that cannot is never decided on: one forged or corrupt record must not become a window's state, and a checkpoint
 * id far ahead of the engine's would make every genuine later result look like a rollback. Pure.
 *
 * @param windowSizeMs      the processors' window size: a window is {@code [start, start + size)}, start a multiple
 * @param maxCheckpointJump how far a checkpoint id may lie above the highest the engine has produced
 * @param timeRange         how far from now a window, emission or checkpoint time may lie
 */
public record ResultPlausibility(long windowSizeMs, long maxCheckpointJump, Duration timeRange) {

    /**
     * @param highestCheckpoint the highest checkpoint id of the result's engine believed so far, 0 before any
     * @return why the result cannot be believed; empty when it can
     */
    public Optional<String> implausible(WindowResult r, long highestCheckpoint, Instant now) {
        long start = r.windowStart().toEpochMilli();
        long end = r.windowEnd().toEpochMilli();
        if (end <= start) {
            return reason("window_end %s is not after window_start %s", r.windowEnd(), r.windowStart());
        }
        if (Math.floorMod(start, windowSizeMs) != 0 || end - start != windowSizeMs) {
            return reason("window [%s, %s) is not a window of %d ms aligned to the epoch", r.windowStart(),
                    r.windowEnd(), windowSizeMs);
        }
        if (r.eventCount() < 0) {
            return reason("event_count %d is negative", r.eventCount());
        }
        if (r.droppedLateEvents() < 0) {
            return reason("dropped_late_events %d is negative", r.droppedLateEvents());
        }
        if (r.checkpointId() != null && r.checkpointId() < 0) {
            return reason("checkpoint_id %d is negative", r.checkpointId());
        }
        // Both non-negative, so the difference cannot overflow.
        if (r.checkpointId() != null && r.checkpointId() - Math.max(0, highestCheckpoint) > maxCheckpointJump) {
            return reason("checkpoint_id %d is more than %d above the highest %s has produced (%d)", r.checkpointId(),
                    maxCheckpointJump, r.processingEngine(), highestCheckpoint);
        }
        return farFromNow("window_start", r.windowStart(), now)
                .or(() -> farFromNow("emitted_at", r.emittedAt(), now))
                .or(() -> farFromNow("last_checkpoint_time", r.lastCheckpointTime(), now));
    }

    private Optional<String> farFromNow(String field, Instant time, Instant now) {
        return Limits.farFromNow(field, time, now, timeRange);
    }

    private static Optional<String> reason(String format, Object... args) {
        return Optional.of(format.formatted(args));
    }
}
