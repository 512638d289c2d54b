package consistency.generator;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunServiceTest {

    private static final long WINDOW = 10_000;

    @Test
    void aRunStartsAtTheStartOfTheWindowHoldingNow() {
        assertThat(RunService.defaultStart(Instant.parse("2026-01-01T00:00:07.400Z"), Optional.empty(), WINDOW))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aRunStartsAtTheClosingMarkOfEarlierRunsWhenThatIsLater() {
        assertThat(RunService.defaultStart(Instant.parse("2026-01-01T00:00:07Z"),
                Optional.of(Instant.parse("2026-01-01T00:00:50Z")), WINDOW))
                .isEqualTo(Instant.parse("2026-01-01T00:00:50Z"));
        assertThat(RunService.defaultStart(Instant.parse("2026-01-01T00:00:07Z"),
                Optional.of(Instant.parse("2026-01-01T00:00:43.250Z")), WINDOW))
                .as("a run recorded before closing marks: its newest event time, rounded up to a window")
                .isEqualTo(Instant.parse("2026-01-01T00:00:50Z"));
        assertThat(RunService.defaultStart(Instant.parse("2026-01-01T00:01:07Z"),
                Optional.of(Instant.parse("2026-01-01T00:00:43.250Z")), WINDOW))
                .isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    }
}
