package consistency.processing;

import consistency.wire.ProgressMark;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The watermark rule: bounded out-of-orderness while events flow; a quiet partition fires its windows, then idles. */
class QuietFlushWatermarksTest {

    private static final long OUT_OF_ORDERNESS = 3_000;
    private static final long IDLE = 3_000;
    private static final long WINDOW = 10_000;
    private static final long T0 = Events.T0;

    private final TestClock clock = new TestClock();
    private final Output output = new Output();
    private final QuietFlushWatermarks.Generator<String> generator =
            new QuietFlushWatermarks.Generator<>(OUT_OF_ORDERNESS, IDLE, WINDOW, clock);

    @Test
    void followsTheLargestEventTimeMinusTheOutOfOrdernessWhileEventsFlow() {
        event(T0 + 10_000);
        event(T0 + 12_000);
        event(T0 + 11_000);
        assertThat(emit()).isEqualTo(T0 + 12_000 - OUT_OF_ORDERNESS - 1);
        clock.advance(IDLE - 1);
        assertThat(emit()).as("not quiet long enough yet").isEqualTo(T0 + 8_999);
        assertThat(output.idle).isFalse();
    }

    @Test
    void aQuietPartitionFiresEveryWindowItHoldsOnceThenStopsHoldingOthersBack() {
        event(T0 + 12_000);
        clock.advance(IDLE);
        assertThat(emit()).as("past the end of the window of the last event").isEqualTo(T0 + 22_000);
        assertThat(output.idle).isFalse();

        clock.advance(200);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
        assertThat(output.watermarks).as("no further watermark while idle").hasSize(1);
        clock.advance(10_000);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
        assertThat(output.watermarks).hasSize(1);
    }

    @Test
    void theLastWindowFiresWithoutAnotherEvent() {
        long windowEnd = T0 + 20_000;
        event(T0 + 19_500); // the last event of a run, in window [10 s, 20 s)
        long firedAfter = -1;
        for (int tick = 1; tick <= 100 && firedAfter < 0; tick++) {
            clock.advance(200);
            generator.onPeriodicEmit(output);
            if (!output.watermarks.isEmpty() && output.last() >= windowEnd - 1) {
                firedAfter = tick * 200L;
            }
        }
        assertThat(firedAfter).as("the idle timeout after the last event").isEqualTo(IDLE);
    }

    @Test
    void aNewEventMakesThePartitionActiveAgainAndTheWatermarkNeverGoesBack() {
        event(T0 + 12_000);
        clock.advance(IDLE);
        assertThat(emit()).isEqualTo(T0 + 22_000);
        clock.advance(200);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();

        event(T0 + 15_000); // behind the flushed watermark: late for the window operator, no step back
        assertThat(emit()).isEqualTo(T0 + 22_000);
        assertThat(output.idle).isFalse();

        event(T0 + 40_000); // the next run: bounded out-of-orderness again
        assertThat(emit()).isEqualTo(T0 + 36_999);

        clock.advance(IDLE);
        assertThat(emit()).as("a second quiet spell flushes again").isEqualTo(T0 + 50_000);
    }

    @Test
    void recordsWithoutEventTimeAreNeitherEventsNorActivity() {
        event(T0 + 12_000);
        clock.advance(IDLE - 1_000);
        generator.onEvent("malformed", TimestampAssigner.NO_TIMESTAMP, output);
        clock.advance(1_000);
        assertThat(emit()).isEqualTo(T0 + 22_000);
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
        QuietFlushWatermarks strategy = new QuietFlushWatermarks(OUT_OF_ORDERNESS, IDLE, WINDOW);
        TimestampAssigner<Incoming> assigner = strategy.createTimestampAssigner(null);
        ParsedEvent event = Events.event("k", "e", 1, T0 + 123);
        assertThat(assigner.extractTimestamp(new Incoming(event.raw(), event.event(), null, null), 99L)).isEqualTo(T0 + 123);
        ProgressMark mark = new ProgressMark("run-1", Instant.ofEpochMilli(T0 + 500));
        assertThat(assigner.extractTimestamp(new Incoming(event.raw(), null, mark, null), 99L))
                .as("a progress mark is not an event").isEqualTo(TimestampAssigner.NO_TIMESTAMP);
        assertThat(assigner.extractTimestamp(new Incoming(event.raw(), null, null, "bad"), 99L))
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
