package consistency.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Limits LIMITS = new Limits(Duration.ofDays(3650), Duration.ofDays(1), 3_600_000, 300_000, 2,
            32, 500, 1000, 8);

    @Test
    void timesMustLieWithinTheRangeOfNow() {
        assertThat(LIMITS.farFromNow("start_time", NOW.plus(Duration.ofDays(3650)), NOW)).isEmpty();
        assertThat(LIMITS.farFromNow("start_time", NOW.minus(Duration.ofDays(3650)), NOW)).isEmpty();
        assertThat(LIMITS.farFromNow("start_time", null, NOW)).isEmpty();
        assertThat(LIMITS.farFromNow("start_time", Instant.parse("+300000-01-01T00:00:00Z"), NOW)).contains(
                "start_time must be within 3650 days of now (2026-01-01T00:00:00Z), got +300000-01-01T00:00:00Z");
        assertThat(LIMITS.farFromNow("ended_at", Instant.MIN, NOW)).isPresent();
        assertThat(Limits.farFromNow("t", NOW.plusSeconds(90), NOW, Duration.ofMinutes(1)))
                .contains("t must be within PT1M of now (2026-01-01T00:00:00Z), got 2026-01-01T00:01:30Z");
    }

    @Test
    void parametersMustBeShortAndFreeOfControlCharacters() {
        assertThat(LIMITS.badParameter("runId", "r1abcd")).isEmpty();
        assertThat(LIMITS.badParameter("runId", "r1\0")).contains("runId must not contain control characters (such as NUL)");
        assertThat(LIMITS.badParameter("runId", "r1\n")).isPresent();
        assertThat(LIMITS.badParameter("runId", "r1\u007f")).isPresent();
        assertThat(LIMITS.badParameter("keyPrefix", "x".repeat(3000)))
                .contains("keyPrefix must be at most 8 characters, got 3000");
        assertThat(LIMITS.badParameter("keyPrefix", "äöü-ß")).as("non-ASCII text is not refused").isEmpty();
    }

    @Test
    void rangesNameTheirBounds() {
        assertThat(Limits.outOfRange("limit", 0, 1, 500)).contains("limit must be between 1 and 500, got 0");
        assertThat(Limits.outOfRange("limit", 500, 1, 500)).isEmpty();
    }
}
