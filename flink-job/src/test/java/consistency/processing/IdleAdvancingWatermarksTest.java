package consistency.processing;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The watermark rule: bounded out-of-orderness while events flow, processing-time progress once quiet. */
class IdleAdvancingWatermarksTest {

    private static final long OUT_OF_ORDERNESS = 3_000;
    private static final long IDLE = 3_000;
    private static final long T0 = Events.T0;

    private final TestClock clock = new TestClock();
    private final Output output = new Output();
    private final IdleAdvancingWatermarks.Generator<String> generator =
            new IdleAdvancingWatermarks.Generator<>(OUT_OF_ORDERNESS, IDLE, clock);

    @Test
    void followsTheLargestEventTimeMinusTheOutOfOrdernessWhileEventsFlow() {
        event(T0 + 10_000);
        event(T0 + 12_000);
        event(T0 + 11_000);
        assertThat(emit()).isEqualTo(T0 + 12_000 - OUT_OF_ORDERNESS - 1);
        clock.advance(IDLE - 1);
        assertThat(emit()).as("not quiet long enough yet").isEqualTo(T0 + 8_999);
    }

    @Test
    void advancesWithProcessingTimeOnceTheInputHasBeenQuietForTheIdleTimeout() {
        event(T0 + 12_000);
        clock.advance(IDLE);
        assertThat(emit()).isEqualTo(T0 + 8_999);
        clock.advance(500);
        assertThat(emit()).isEqualTo(T0 + 9_499);
        clock.advance(1_500);
        assertThat(emit()).isEqualTo(T0 + 10_999);
        clock.advance(1_000);
        assertThat(emit()).as("1 ms of event time per ms of quiet").isEqualTo(T0 + 11_999);
        assertThat(output.idle).isFalse();
    }

    @Test
    void theLastWindowFiresWithoutAnotherEvent() {
        long windowEnd = T0 + 20_000;
        event(T0 + 19_500); // the last event of a run, in window [10 s, 20 s)
        long firedAfter = -1;
        for (int tick = 1; tick <= 100 && firedAfter < 0; tick++) {
            clock.advance(200);
            if (emit() >= windowEnd - 1) {
                firedAfter = tick * 200L;
            }
        }
        // idle timeout + (end - last event) + out-of-orderness = 3000 + 500 + 3000, rounded up to a 200 ms tick
        assertThat(firedAfter).isEqualTo(6_600);
    }

    @Test
    void aNewEventStopsTheAdvanceAndTheWatermarkNeverGoesBack() {
        event(T0 + 12_000);
        clock.advance(IDLE + 2_000);
        assertThat(emit()).isEqualTo(T0 + 10_999);

        event(T0 + 11_000); // a late event: no step back, and quiet starts again
        assertThat(emit()).isEqualTo(T0 + 10_999);
        clock.advance(IDLE);
        assertThat(emit()).isEqualTo(T0 + 10_999);
        clock.advance(250);
        assertThat(emit()).isEqualTo(T0 + 11_249);

        event(T0 + 20_000); // the stream moves on: bounded out-of-orderness again
        assertThat(emit()).isEqualTo(T0 + 16_999);
    }

    @Test
    void recordsWithoutEventTimeAreNeitherEventsNorActivity() {
        event(T0 + 12_000);
        clock.advance(IDLE + 1_000);
        generator.onEvent("malformed", TimestampAssigner.NO_TIMESTAMP, output);
        clock.advance(1_000);
        assertThat(emit()).isEqualTo(T0 + 8_999 + 2_000);
    }

    @Test
    void anInputWithoutEventsIsMarkedIdleAfterTheTimeoutInsteadOfHoldingBackTheOthers() {
        clock.advance(IDLE - 1);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
        assertThat(output.watermarks).isEmpty();
        clock.advance(1);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
        assertThat(output.watermarks).isEmpty();

        event(T0 + 5_000);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("active again with its first event").isFalse();
        assertThat(output.last()).isEqualTo(T0 + 1_999);
    }

    @Test
    void theStrategyTakesEventTimeFromEventsOnly() {
        IdleAdvancingWatermarks strategy = new IdleAdvancingWatermarks(OUT_OF_ORDERNESS, IDLE);
        TimestampAssigner<Incoming> assigner = strategy.createTimestampAssigner(null);
        LabEvent event = Events.event("k", "e", 1, T0 + 123);
        assertThat(assigner.extractTimestamp(new Incoming(event.raw(), event, null), 99L)).isEqualTo(T0 + 123);
        assertThat(assigner.extractTimestamp(new Incoming(event.raw(), null, "bad"), 99L))
                .isEqualTo(TimestampAssigner.NO_TIMESTAMP);
    }

    private void event(long eventTime) {
        generator.onEvent("event", eventTime, output);
    }

    private long emit() {
        generator.onPeriodicEmit(output);
        return output.last();
    }

    private static final class TestClock implements RelativeClock {
        private long now = 1_000_000;

        void advance(long ms) {
            now += ms;
        }

        @Override
        public long relativeTimeMillis() {
            return now;
        }

        @Override
        public long relativeTimeNanos() {
            return now * 1_000_000;
        }
    }

    private static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }
}
