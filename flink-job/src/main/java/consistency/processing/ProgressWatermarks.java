package consistency.processing;

import java.util.function.Predicate;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks for {@code lab.events}, per Kafka partition (the source runs one generator per split), from data only:
 * <ol>
 *   <li>An event at {@code t} or a progress mark at {@code t} (the source's clock reached {@code t}) moves the
 *       watermark to {@code t - outOfOrderness - 1 ms}; it never moves back. A mark's watermark is emitted at once
 *       (punctuated), so a window fires on the record that passes it, wherever the reader is in time.</li>
 *   <li>The source's closing mark lies a whole window past a run's last event, so a run's last windows fire on it.</li>
 *   <li>A partition whose reader has read nothing since it (re)started holds the watermark back: it is never
 *       marked idle, so after a restore no partition is skipped while its reader catches up.</li>
 *   <li>Fallback, only when {@code idleTimeout > 0}, for a source that sends no marks: a partition that has
 *       delivered events but never a mark since its reader started, and has delivered nothing for
 *       {@code idleTimeout} of input-activity time, jumps once past the window of its newest event, then goes
 *       idle until its next event. Off by default: it depends on time, so the lab never relies on it.</li>
 * </ol>
 * Records without a time (malformed ones, see {@link EventDeserializer}) do not count.
 */
public class ProgressWatermarks implements WatermarkStrategy<Incoming> {

    private final long outOfOrdernessMs;
    private final long idleTimeoutMs;
    private final long windowSizeMs;

    /** @param idleTimeoutMs the fallback's quiet time, 0 for none */
    public ProgressWatermarks(long outOfOrdernessMs, long idleTimeoutMs, long windowSizeMs) {
        if (outOfOrdernessMs < 0 || idleTimeoutMs < 0 || windowSizeMs <= 0) {
            throw new IllegalArgumentException("out-of-orderness and idle timeout must be >= 0, window size > 0");
        }
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.idleTimeoutMs = idleTimeoutMs;
        this.windowSizeMs = windowSizeMs;
    }

    @Override
    public TimestampAssigner<Incoming> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return (incoming, recordTimestamp) -> incoming.time().orElse(TimestampAssigner.NO_TIMESTAMP);
    }

    @Override
    public WatermarkGenerator<Incoming> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new Generator<>(outOfOrdernessMs, idleTimeoutMs, windowSizeMs, context.getInputActivityClock(),
                Incoming::isProgress);
    }

    /** The generator; public for tests that drive it with their own clock. */
    public static final class Generator<T> implements WatermarkGenerator<T> {

        private final long outOfOrdernessMs;
        private final long idleTimeoutMs;
        private final long windowSizeMs;
        private final RelativeClock clock;
        private final Predicate<T> isProgress;

        private long maxEventTime = Long.MIN_VALUE;
        private long lastEventAt;
        /** The highest watermark emitted (or due), Long.MIN_VALUE until the reader has read something. */
        private long watermark = Long.MIN_VALUE;
        private boolean sentProgress;
        /** Whether the fallback has fired the windows of the current quiet spell. */
        private boolean flushed;

        public Generator(long outOfOrdernessMs, long idleTimeoutMs, long windowSizeMs, RelativeClock clock,
                         Predicate<T> isProgress) {
            this.outOfOrdernessMs = outOfOrdernessMs;
            this.idleTimeoutMs = idleTimeoutMs;
            this.windowSizeMs = windowSizeMs;
            this.clock = clock;
            this.isProgress = isProgress;
        }

        @Override
        public void onEvent(T record, long timestamp, WatermarkOutput output) {
            if (timestamp == TimestampAssigner.NO_TIMESTAMP) {
                return;
            }
            watermark = Math.max(watermark, timestamp - outOfOrdernessMs - 1);
            if (isProgress.test(record)) {
                sentProgress = true;
                output.emitWatermark(new Watermark(watermark));
                return;
            }
            maxEventTime = Math.max(maxEventTime, timestamp);
            lastEventAt = clock.relativeTimeMillis();
            flushed = false;
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (watermark == Long.MIN_VALUE) {
                return;
            }
            if (!fallbackApplies() || clock.relativeTimeMillis() - lastEventAt < idleTimeoutMs) {
                output.emitWatermark(new Watermark(watermark));
            } else if (!flushed) {
                watermark = Math.max(watermark, maxEventTime + windowSizeMs);
                flushed = true;
                output.emitWatermark(new Watermark(watermark));
            } else {
                output.markIdle();
            }
        }

        private boolean fallbackApplies() {
            return idleTimeoutMs > 0 && !sentProgress && maxEventTime != Long.MIN_VALUE;
        }
    }
}
