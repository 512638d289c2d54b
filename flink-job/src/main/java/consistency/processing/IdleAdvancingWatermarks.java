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
 * Watermarks for {@code lab.events}: bounded out-of-orderness while events flow, and progress with processing
 * time once the input has gone quiet, so the last windows of a run fire even when no further event comes.
 *
 * <p>The rule, per Kafka partition (the source runs one generator per split):
 * <ol>
 *   <li>While events arrive, the watermark is {@code max event_time seen - outOfOrderness - 1 ms}.</li>
 *   <li>Once no event has arrived for {@code idleTimeout}, the watermark advances with processing time: each
 *       periodic emission moves it forward by the processing time that passed since the previous one (counted
 *       from the moment the timeout expired), 1 ms of event time per 1 ms of quiet. A window ending at
 *       {@code end} therefore fires at the latest {@code idleTimeout + (end - maxEventTime) + outOfOrderness}
 *       after the last event.</li>
 *   <li>The next event stops the advance; the watermark never moves backwards (an event behind it is late and
 *       handled by the window operator's allowed lateness).</li>
 *   <li>A partition that has never delivered an event is marked idle after {@code idleTimeout}, so an empty
 *       partition (or a reader without partitions) does not hold back the others.</li>
 * </ol>
 * Quiet is measured on the source's input-activity clock, which stops while the source is back-pressured: a
 * slow pipeline is not mistaken for a quiet input. Records without an event time (malformed ones, see
 * {@link EventDeserializer}) are neither events nor activity here.
 *
 * <p>This replaces {@link WatermarkStrategy#withIdleness}: that marks a quiet split idle, and when every split
 * is idle the watermark stops for good, so the last windows would never fire.
 */
public class IdleAdvancingWatermarks implements WatermarkStrategy<Incoming> {

    private final long outOfOrdernessMs;
    private final long idleTimeoutMs;

    public IdleAdvancingWatermarks(long outOfOrdernessMs, long idleTimeoutMs) {
        if (outOfOrdernessMs < 0 || idleTimeoutMs <= 0) {
            throw new IllegalArgumentException("out-of-orderness must be >= 0 and idle timeout > 0");
        }
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    @Override
    public TimestampAssigner<Incoming> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return (incoming, recordTimestamp) -> incoming.isEvent()
                ? incoming.event().eventTime()
                : TimestampAssigner.NO_TIMESTAMP;
    }

    @Override
    public WatermarkGenerator<Incoming> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new Generator<>(outOfOrdernessMs, idleTimeoutMs, context.getInputActivityClock());
    }

    /** The generator; public for tests that drive it with their own clock. */
    public static final class Generator<T> implements WatermarkGenerator<T> {

        private final long outOfOrdernessMs;
        private final long idleTimeoutMs;
        private final RelativeClock clock;
        private final long createdAt;

        private long maxEventTime = Long.MIN_VALUE;
        private long lastEventAt;
        /** The highest watermark emitted (or due), Long.MIN_VALUE before the first event. */
        private long watermark = Long.MIN_VALUE;
        /** Processing time up to which quiet has already been turned into watermark progress. */
        private long advancedUntil;

        public Generator(long outOfOrdernessMs, long idleTimeoutMs, RelativeClock clock) {
            this.outOfOrdernessMs = outOfOrdernessMs;
            this.idleTimeoutMs = idleTimeoutMs;
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
            watermark = Math.max(watermark, bounded());
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
            long quietSince = lastEventAt + idleTimeoutMs;
            if (now > quietSince) {
                long from = Math.max(advancedUntil, quietSince);
                if (now > from) {
                    watermark = saturatedAdd(watermark, now - from);
                    advancedUntil = now;
                }
            }
            output.emitWatermark(new Watermark(watermark));
        }

        private long bounded() {
            return maxEventTime - outOfOrdernessMs - 1;
        }

        private static long saturatedAdd(long a, long b) {
            long sum = a + b;
            return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE - 1 : sum;
        }
    }
}
