package consistency.generator;

import org.junit.jupiter.api.Test;

import consistency.api.Limits;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Limits LIMITS = new Limits(Duration.ofDays(3650), Duration.ofDays(1), 3_600_000, 300_000, 2, 32,
            500, 1000, 256);

    private static Scenario defaulted(Scenario s) {
        return s.withDefaults(7, 10_000, NOW);
    }

    @Test
    void absentFieldsTakeDefaults() {
        Scenario s = defaulted(new Scenario(null, null, null, null, null, null, null, null, null, null, null));
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.keys()).isEqualTo(Scenario.DEFAULT_KEYS);
        assertThat(s.eventsPerKey()).isEqualTo(Scenario.DEFAULT_EVENTS_PER_KEY);
        assertThat(s.windowSizeMs()).isEqualTo(10_000);
        assertThat(s.startTime()).isEqualTo(NOW);
        assertThat(s.violations(10_000, LIMITS, NOW)).isEmpty();
    }

    @Test
    void everyViolationIsNamed() {
        Scenario s = defaulted(new Scenario(1L, 0, 10, 5_000L, 0L, 0, null, new Scenario.Duplicates(1.5),
                new Scenario.OutOfOrder(-1L), new Scenario.Late(0.1, 0L), new Scenario.Replay(5L, 10)));
        assertThat(s.violations(10_000, LIMITS, NOW)).containsExactly(
                "keys must be between 1 and 10000, got 0",
                "window_size_ms must be 10000 (the processors' window size, lab.window.size-ms), got 5000",
                "event_interval_ms must be between 1 and 3600000, got 0",
                "events_per_second must be at least 1 when given, got 0",
                "duplicates.rate must be between 0 and 1, got 1.5",
                "out_of_order.window_ms must be between 0 and 3600000, got -1",
                "late.late_by_ms must be between 1 and 3600000, got 0",
                "replay.count must be at least 1 and end at or before sequence 10, got 10");
    }

    @Test
    void lateMustBeLaterThanTheShuffle() {
        Scenario s = defaulted(new Scenario(1L, 1, 10, null, null, null, null, null, new Scenario.OutOfOrder(3_000L),
                new Scenario.Late(0.1, 3_000L), null));
        assertThat(s.violations(10_000, LIMITS, NOW)).containsExactly(
                "late.late_by_ms (3000) must exceed out_of_order.window_ms (3000), or a late event is only out of order");
    }

    @Test
    void runsAreBounded() {
        Scenario s = defaulted(new Scenario(1L, 10_000, 100, null, null, null, null, null, null, null, null));
        assertThat(s.violations(10_000, LIMITS, NOW)).containsExactly("keys * events_per_key must be at most 200000, got 1000000");
    }

    @Test
    void timesAndIntervalsAreBoundedSoNoEventTimeOverflows() {
        Scenario s = defaulted(new Scenario(1L, 1, 10, null, Long.MAX_VALUE, null,
                Instant.parse("+300000-01-01T00:00:00Z"), null, new Scenario.OutOfOrder(Long.MAX_VALUE),
                new Scenario.Late(0.1, Long.MAX_VALUE), null));
        assertThat(s.violations(10_000, LIMITS, NOW)).containsExactly(
                "start_time must be within 3650 days of now (2026-01-01T00:00:00Z), got +300000-01-01T00:00:00Z",
                "event_interval_ms must be between 1 and 3600000, got 9223372036854775807",
                "out_of_order.window_ms must be between 0 and 3600000, got 9223372036854775807",
                "late.late_by_ms must be between 1 and 3600000, got 9223372036854775807");
    }

    @Test
    void aStartWithinTheRangeIsAccepted() {
        Scenario s = defaulted(new Scenario(1L, 1, 10, null, null, null, NOW.minus(Duration.ofDays(3650)), null, null,
                null, null));
        assertThat(s.violations(10_000, LIMITS, NOW)).isEmpty();
    }
}
