package consistency.decision;

import consistency.wire.WindowResult;
import consistency.wire.WindowResult.Engine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ResultPlausibilityTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:05:00Z");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final ResultPlausibility RULE = new ResultPlausibility(10_000, 1_000, Duration.ofDays(3650));

    private static WindowResult result(Instant start, Instant end, int count, Long checkpoint, Instant emittedAt) {
        return new WindowResult(Engine.FLINK, "r1-acct-0001", start, end, 42, count, 1, "flink-1", START, checkpoint,
                false, false, 0, emittedAt, "r1");
    }

    private static WindowResult window(Instant start, Instant end) {
        return result(start, end, 3, 7L, NOW);
    }

    private static String reason(WindowResult r, long highest) {
        return RULE.implausible(r, highest, NOW).orElse(null);
    }

    @Test
    void aGenuineResultIsBelieved() {
        assertThat(RULE.implausible(window(START, START.plusMillis(10_000)), 5, NOW)).isEmpty();
        assertThat(RULE.implausible(result(START, START.plusMillis(10_000), 0, null, NOW), 0, NOW)).isEmpty();
    }

    @Test
    void aWindowEndingBeforeItStartsIsNot() {
        assertThat(reason(window(START, START.minusMillis(10_000)), 5))
                .isEqualTo("window_end 2025-12-31T23:59:50Z is not after window_start 2026-01-01T00:00:00Z");
        assertThat(reason(window(START, START), 5)).startsWith("window_end");
    }

    @Test
    void aWindowOfAnotherSizeOrNotAlignedIsNot() {
        assertThat(reason(window(START, START.plusMillis(5_000)), 5))
                .isEqualTo("window [2026-01-01T00:00:00Z, 2026-01-01T00:00:05Z) is not a window of 10000 ms aligned to the epoch");
        assertThat(reason(window(START.plusMillis(1), START.plusMillis(10_001)), 5)).contains("aligned to the epoch");
    }

    @Test
    void negativeCountsAreNot() {
        assertThat(reason(result(START, START.plusMillis(10_000), -5, 7L, NOW), 5)).isEqualTo("event_count -5 is negative");
        WindowResult dropped = new WindowResult(Engine.FLINK, "k", START, START.plusMillis(10_000), 1, 1, 1, "f", START,
                7L, false, false, -1, NOW, "r1");
        assertThat(reason(dropped, 5)).isEqualTo("dropped_late_events -1 is negative");
    }

    @Test
    void aCheckpointFarAboveTheEnginesHighestIsNot() {
        assertThat(reason(result(START, START.plusMillis(10_000), 1, Long.MAX_VALUE, NOW), 5))
                .isEqualTo("checkpoint_id 9223372036854775807 is more than 1000 above the highest FLINK has produced (5)");
        assertThat(reason(result(START, START.plusMillis(10_000), 1, 1_005L, NOW), 5)).isNull();
        assertThat(reason(result(START, START.plusMillis(10_000), 1, 1_006L, NOW), 5)).startsWith("checkpoint_id 1006");
        assertThat(reason(result(START, START.plusMillis(10_000), 1, -1L, NOW), 5)).isEqualTo("checkpoint_id -1 is negative");
    }

    @Test
    void aCheckpointBelowTheHighestIsLeftToTheRollbackRule() {
        assertThat(reason(result(START, START.plusMillis(10_000), 1, 1L, NOW), 900)).isNull();
    }

    @Test
    void timesFarFromNowAreNot() {
        Instant far = NOW.plus(Duration.ofDays(3651));
        Instant farStart = Instant.ofEpochMilli(Math.floorDiv(far.toEpochMilli(), 10_000) * 10_000);
        assertThat(reason(window(farStart, farStart.plusMillis(10_000)), 5)).isEqualTo("window_start must be within 3650 days of now (2026-01-01T00:05:00Z), got " + farStart);
        assertThat(reason(result(START, START.plusMillis(10_000), 1, 7L, NOW.minus(Duration.ofDays(3651))), 5))
                .startsWith("emitted_at must be within 3650 days");
    }
}
