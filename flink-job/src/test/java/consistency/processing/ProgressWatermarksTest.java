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

/**
 * The watermark rule with explicit records and a manual clock: events and progress marks move it, a mark at once;
 * nothing moves it for a reader that has read nothing; the quiet-partition fallback only without marks.
 */
class ProgressWatermarksTest {

    private static final long OUT_OF_ORDERNESS = 3_000;
    private static final long IDLE = 3_000;
    private static final long WINDOW = 10_000;
    private static final long T0 = Events.T0;
    private static final String MARK = "mark";

    private final TestClock clock = new TestClock();
    private final Output output = new Output();
    private ProgressWatermarks.Generator<String> generator = generator(0);

    private ProgressWatermarks.Generator<String> generator(long idleTimeoutMs) {
        return new ProgressWatermarks.Generator<>(OUT_OF_ORDERNESS, idleTimeoutMs, WINDOW, clock, MARK::equals);
    }

    @Test
    void followsTheLargestEventTimeMinusTheOutOfOrdernessWhileEventsFlow() {
        event(T0 + 10_000);
        event(T0 + 12_000);
        event(T0 + 11_000);
        assertThat(emit()).isEqualTo(T0 + 12_000 - OUT_OF_ORDERNESS - 1);
        clock.advance(60_000);
        assertThat(emit()).as("time alone never moves it").isEqualTo(T0 + 8_999);
        assertThat(output.idle).isFalse();
    }

    @Test
    void aProgressMarkEmitsItsWatermarkAtOnce() {
        event(T0 + 12_000);
        mark(T0 + 30_000);
        assertThat(output.watermarks).as("punctuated, no periodic emission needed").containsExactly(T0 + 26_999);
        mark(T0 + 20_000);
        event(T0 + 25_000);
        assertThat(emit()).as("never backwards").isEqualTo(T0 + 26_999);
    }

    @Test
    void theClosingMarkFiresTheLastWindowWithoutAnotherEventOrAnyWaiting() {
        event(T0 + 19_500); // the last event of a run, in window [10 s, 20 s)
        mark(T0 + 30_000);  // the closing mark: one whole window past it
        assertThat(output.last()).isGreaterThanOrEqualTo(T0 + 20_000 - 1);
    }

    @Test
    void aReaderThatHasReadNothingSinceItStartedHoldsTheWatermarkBackForever() {
        generator = generator(IDLE);
        for (int i = 0; i < 50; i++) {
            clock.advance(1_000);
            generator.onPeriodicEmit(output);
        }
        assertThat(output.idle).as("never idle: after a restore its partition may still hold unread events").isFalse();
        assertThat(output.watermarks).isEmpty();
        generator.onEvent("malformed", TimestampAssigner.NO_TIMESTAMP, output);
        generator.onPeriodicEmit(output);
        assertThat(output.watermarks).as("a record without a time reads as nothing").isEmpty();
    }

    @Test
    void withoutMarksTheFallbackFiresAQuietPartitionsWindowsOnceThenIdles() {
        generator = generator(IDLE);
        event(T0 + 12_000);
        clock.advance(IDLE - 1);
        assertThat(emit()).isEqualTo(T0 + 8_999);
        clock.advance(1);
        assertThat(emit()).as("past the end of the window of the last event").isEqualTo(T0 + 22_000);
        clock.advance(200);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();

        event(T0 + 15_000); // behind the flushed watermark: late for the window operator, no step back
        assertThat(emit()).isEqualTo(T0 + 22_000);
        assertThat(output.idle).isFalse();
    }

    @Test
    void aPartitionThatSentAMarkNeverFallsBackToIdleness() {
        generator = generator(IDLE);
        mark(T0 + 5_000);
        event(T0 + 12_000);
        clock.advance(10 * IDLE);
        assertThat(emit()).isEqualTo(T0 + 8_999);
        assertThat(output.idle).isFalse();
    }

    @Test
    void theStrategyTakesTimeFromEventsAndMarksOnly() {
        ProgressWatermarks strategy = new ProgressWatermarks(OUT_OF_ORDERNESS, 0, WINDOW);
        TimestampAssigner<Incoming> assigner = strategy.createTimestampAssigner(null);
        ParsedEvent event = Events.event("k", "e", 1, T0 + 123);
        assertThat(assigner.extractTimestamp(new Incoming(event.raw(), event.event(), null, null), 99L)).isEqualTo(T0 + 123);
        ProgressMark mark = new ProgressMark("run-1", Instant.ofEpochMilli(T0 + 500));
        assertThat(assigner.extractTimestamp(new Incoming(event.raw(), null, mark, null), 99L))
                .as("the time the source reached").isEqualTo(T0 + 500);
        assertThat(assigner.extractTimestamp(new Incoming(event.raw(), null, null, "bad"), 99L))
                .isEqualTo(TimestampAssigner.NO_TIMESTAMP);
    }

    private void event(long eventTime) {
        generator.onEvent("event", eventTime, output);
    }

    private void mark(long reached) {
        generator.onEvent(MARK, reached, output);
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
