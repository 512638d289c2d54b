package consistency.processing;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks for {@code lab.events}: bounded out-of-orderness while events flow; a partition that has gone
 * quiet first fires every window it holds, then stops holding the others back.
 *
 * <p>The rule, per Kafka partition (the source runs one generator per split):
 * <ol>
 *   <li>While events arrive, the watermark is {@code max event_time seen - outOfOrderness - 1 ms}.</li>
 *   <li>Once no event has arrived for {@code idleTimeout}, the partition is taken to be finished for now: its
 *       watermark jumps once to {@code max event_time seen + windowSize}, past the end of every window holding
 *       an event it delivered, so the last windows of a run fire without a further event. On the next periodic
 *       emission the partition is marked idle, so its watermark no longer holds back partitions that are
 *       still active.</li>
 *   <li>The next event makes the partition active again; its watermark never moves backwards (an event behind
 *       it is late and handled by the window operator's allowed lateness). Runs are generated so that a new run
 *       starts past the previous run's flushed windows.</li>
 *   <li>A partition that has never delivered an event is marked idle after {@code idleTimeout}.</li>
 * </ol>
 * Quiet is measured on the source's input-activity clock, which stops while the source is back-pressured: a
 * slow pipeline is not mistaken for a quiet input. Records that are not events (progress marks and malformed
 * records, see {@link EventDeserializer}) get no timestamp and are neither events nor activity here.
 *
 * <p>Neither {@link WatermarkStrategy#withIdleness} alone (when every split is idle the watermark stops, so the
 * last windows never fire) nor advancing a quiet partition with processing time (a partition without events
 * of the current run then holds the whole job back, since generated event time runs faster than the clock)
 * gives both properties.
 */
public class QuietFlushWatermarks implements WatermarkStrategy<Incoming> {

    private final long outOfOrdernessMs;
    private final long idleTimeoutMs;
    private final long windowSizeMs;

    public QuietFlushWatermarks(long outOfOrdernessMs, long idleTimeoutMs, long windowSizeMs) {
        if (outOfOrdernessMs < 0 || idleTimeoutMs <= 0 || windowSizeMs <= 0) {
            throw new IllegalArgumentException("out-of-orderness must be >= 0, idle timeout and window size > 0");
        }
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.idleTimeoutMs = idleTimeoutMs;
        this.windowSizeMs = windowSizeMs;
    }

    @Override
    public TimestampAssigner<Incoming> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return (incoming, recordTimestamp) -> incoming.isEvent()
                ? incoming.event().eventTime().toEpochMilli()
                : TimestampAssigner.NO_TIMESTAMP;
    }

    @Override
    public WatermarkGenerator<Incoming> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new Generator<>(outOfOrdernessMs, idleTimeoutMs, windowSizeMs, context.getInputActivityClock());
    }

    /** The generator; public for tests that drive it with their own clock. */
    public static final class Generator<T> implements WatermarkGenerator<T> {

        private final long outOfOrdernessMs;
        private final long idleTimeoutMs;
        private final long windowSizeMs;
        private final RelativeClock clock;
        private final long createdAt;

        private long maxEventTime = Long.MIN_VALUE;
        private long lastEventAt;
        /** The highest watermark emitted (or due), Long.MIN_VALUE before the first event. */
        private long watermark = Long.MIN_VALUE;
        /** Whether the windows of the current quiet spell have been fired. */
        private boolean flushed;

        public Generator(long outOfOrdernessMs, long idleTimeoutMs, long windowSizeMs, RelativeClock clock) {
            this.outOfOrdernessMs = outOfOrdernessMs;
            this.idleTimeoutMs = idleTimeoutMs;
            this.windowSizeMs = windowSizeMs;
            this.clock = clock;
            this.createdAt = clock.relativeTimeMillis();
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            if (eventTimestamp == TimestampAssigner.NO_TIMESTAMP) {
                return;
            }
            maxEventTime = Math.max(maxEventTime, eventTimestamp);
            lastEventAt = clock.relativeTimeMillis();
            flushed = false;
            watermark = Math.max(watermark, maxEventTime - outOfOrdernessMs - 1);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = clock.relativeTimeMillis();
            if (maxEventTime == Long.MIN_VALUE) {
                if (now - createdAt >= idleTimeoutMs) {
                    output.markIdle();
                }
                return;
            }
            if (now - lastEventAt < idleTimeoutMs) {
                output.emitWatermark(new Watermark(watermark));
            } else if (!flushed) {
                watermark = Math.max(watermark, maxEventTime + windowSizeMs);
                flushed = true;
                output.emitWatermark(new Watermark(watermark));
            } else {
                output.markIdle();
            }
        }
    }
}
