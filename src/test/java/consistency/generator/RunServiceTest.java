package consistency.generator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunServiceTest {

    private static final long WINDOW = 10_000;
    private static final Duration AHEAD = Duration.ofDays(1);

    @Test
    void aRunStartsAtTheStartOfTheWindowHoldingNow() {
        assertThat(RunService.defaultStart(Instant.parse("2026-01-01T00:00:07.400Z"), Optional.empty(), WINDOW, AHEAD))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aRunStartsAtTheClosingMarkOfEarlierRunsWhenThatIsLater() {
        assertThat(RunService.defaultStart(Instant.parse("2026-01-01T00:00:07Z"),
                Optional.of(Instant.parse("2026-01-01T00:00:50Z")), WINDOW, AHEAD))
                .isEqualTo(Instant.parse("2026-01-01T00:00:50Z"));
        assertThat(RunService.defaultStart(Instant.parse("2026-01-01T00:00:07Z"),
                Optional.of(Instant.parse("2026-01-01T00:00:43.250Z")), WINDOW, AHEAD))
                .as("a run recorded before closing marks: its newest event time, rounded up to a window")
                .isEqualTo(Instant.parse("2026-01-01T00:00:50Z"));
        assertThat(RunService.defaultStart(Instant.parse("2026-01-01T00:01:07Z"),
                Optional.of(Instant.parse("2026-01-01T00:00:43.250Z")), WINDOW, AHEAD))
                .isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    }

    @Test
    void aClosingMarkFarAheadOfNowDoesNotMoveLaterRuns() {
        Instant now = Instant.parse("2026-01-01T00:00:07Z");
        assertThat(RunService.defaultStart(now, Optional.of(Instant.parse("+300000-01-01T00:00:00Z")), WINDOW, AHEAD))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(RunService.defaultStart(now, Optional.of(Instant.MAX), WINDOW, AHEAD))
                .as("PostgreSQL's infinity")
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(RunService.defaultStart(now, Optional.of(Instant.parse("2026-01-02T00:00:00Z")), WINDOW, AHEAD))
                .as("a day ahead is still followed")
                .isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    }
}
