package consistency.generator;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static consistency.generator.ScenarioTest.LIMITS;
import static org.assertj.core.api.Assertions.assertThat;

class RunFaultTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFaultOfTheRunIsRecorded() {
        RunFault fault = new RunFault(null, "processor-restart", "processor", NOW.minusSeconds(5), NOW,
                Map.of("downtime_ms", 1200));
        assertThat(fault.violations(LIMITS, NOW)).isEmpty();
    }

    @Test
    void itsTimesAreBoundedLikeEveryTimeOfTheApi() {
        RunFault fault = new RunFault(null, "cdc-pause", null, Instant.parse("+300000-01-01T00:00:00Z"),
                Instant.parse("+300000-01-01T00:00:01Z"), null);
        assertThat(fault.violations(LIMITS, NOW)).containsExactly(
                "started_at must be within 3650 days of now (2026-01-01T00:00:00Z), got +300000-01-01T00:00:00Z",
                "ended_at must be within 3650 days of now (2026-01-01T00:00:00Z), got +300000-01-01T00:00:01Z");
    }

    @Test
    void textPostgreSqlWouldRefuseIsRefusedHere() {
        RunFault fault = new RunFault(null, "cdc\0pause", "x\0", NOW, NOW, Map.of("note", "a\0b"));
        assertThat(fault.violations(LIMITS, NOW)).containsExactly(
                "fault must not contain control characters (such as NUL)",
                "target must not contain control characters (such as NUL)",
                "report must not contain NUL characters");
    }
}
