package consistency.oracle;

import consistency.wire.LabEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OracleTest {

    private static LabEvent event(String id, String key, long amount, String eventTime) {
        return new LabEvent(id, "r1", key, 1, amount, Instant.parse(eventTime), Instant.parse(eventTime));
    }

    private static WindowTruth window(String key, String start, String end, long value, int count) {
        return new WindowTruth(key, Instant.parse(start), Instant.parse(end), value, count);
    }

    @Test
    void windowStartIsInclusiveAndEndExclusive() {
        List<WindowTruth> windows = Oracle.windows(List.of(
                event("a", "k", 5, "2026-01-01T00:00:00.000Z"),
                event("b", "k", 7, "2026-01-01T00:00:09.999Z"),
                event("c", "k", 11, "2026-01-01T00:00:10.000Z")), 10_000);

        assertThat(windows).containsExactly(
                window("k", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", 12, 2),
                window("k", "2026-01-01T00:00:10Z", "2026-01-01T00:00:20Z", 11, 1));
    }

    @Test
    void negativeAmountsSubtract() {
        List<WindowTruth> windows = Oracle.windows(List.of(
                event("a", "k", 100, "2026-01-01T00:00:01Z"),
                event("b", "k", -250, "2026-01-01T00:00:02Z")), 10_000);

        assertThat(windows).containsExactly(window("k", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", -150, 2));
    }

    @Test
    void aRepeatedEventIdCountsOnceWhateverTheOrder() {
        LabEvent a = event("a", "k", 40, "2026-01-01T00:00:03Z");
        LabEvent b = event("b", "k", 2, "2026-01-01T00:00:01Z");

        List<WindowTruth> expected = List.of(window("k", "2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", 42, 2));
        assertThat(Oracle.windows(List.of(a, b, a, a), 10_000)).isEqualTo(expected);
        assertThat(Oracle.windows(List.of(b, a, b), 10_000)).isEqualTo(expected);
    }

    @Test
    void keysAreSeparateAndSorted() {
        List<WindowTruth> windows = Oracle.windows(List.of(
                event("a", "k2", 1, "2026-01-01T00:00:01Z"),
                event("b", "k1", 2, "2026-01-01T00:00:01Z")), 10_000);

        assertThat(windows).extracting(WindowTruth::businessKey).containsExactly("k1", "k2");
    }

    @Test
    void windowsBeforeTheEpochAlignToo() {
        assertThat(Oracle.windowStart(Instant.parse("1969-12-31T23:59:55Z"), 10_000))
                .isEqualTo(Instant.parse("1969-12-31T23:59:50Z"));
    }
}
