package consistency.oracle;

import consistency.decision.Confidence;
import consistency.decision.WindowState;
import consistency.events.WindowResult.Engine;
import consistency.oracle.Verdicts.Judgement;
import consistency.oracle.Verdicts.Store;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictsTest {

    private static final Instant W1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant W2 = Instant.parse("2026-01-01T00:00:10Z");
    private static final Instant W3 = Instant.parse("2026-01-01T00:00:20Z");

    private static WindowTruth truth(Instant start, long value, int count) {
        return new WindowTruth("k", start, start.plusSeconds(10), value, count);
    }

    private static WindowState state(Engine engine, Instant start, long value, int count) {
        return new WindowState(engine, "k", start, start.plusSeconds(10), "r1", value, count, 1, "i", null, null,
                Confidence.HIGH, false, false, 0, 4, start);
    }

    @Test
    void eachWindowIsCorrectWrongOrMissingPerEngine() {
        List<WindowTruth> truth = List.of(truth(W1, 10, 2), truth(W2, -5, 1));
        List<WindowState> stored = List.of(
                state(Engine.KAFKA_ONLY, W1, 10, 2),
                state(Engine.KAFKA_ONLY, W2, -5, 2),
                state(Engine.KAFKA_ONLY, W3, 7, 1),
                state(Engine.FLINK, W1, 10, 2));

        Verdicts.Verdict v = Verdicts.judgePostgres("r1", truth, stored, List.of(Engine.KAFKA_ONLY));

        assertThat(v.totals()).containsOnlyKeys(Engine.KAFKA_ONLY);
        assertThat(v.totals().get(Engine.KAFKA_ONLY).get(Store.POSTGRES)).isEqualTo(Map.of(
                Judgement.CORRECT, 1, Judgement.WRONG, 2, Judgement.MISSING, 0, Judgement.LAGGING, 0));
        assertThat(v.windows()).extracting(w -> w.stores().get(Store.POSTGRES).verdict())
                .containsExactly(Judgement.CORRECT, Judgement.WRONG, Judgement.WRONG);
        Verdicts.WindowVerdict unexpected = v.windows().get(2);
        assertThat(unexpected.windowStart()).isEqualTo(W3);
        assertThat(unexpected.expected()).isNull();
        assertThat(v.windows().get(1).stores().get(Store.POSTGRES).eventCount()).isEqualTo(2);
    }

    @Test
    void anEngineWithNothingStoredHasEveryWindowMissing() {
        Verdicts.Verdict v = Verdicts.judgePostgres("r1", List.of(truth(W1, 10, 2), truth(W2, 1, 1)), List.of(),
                List.of(Engine.KAFKA_ONLY, Engine.FLINK));
        assertThat(v.totals().get(Engine.FLINK).get(Store.POSTGRES).get(Judgement.MISSING)).isEqualTo(2);
        assertThat(v.totals().get(Engine.KAFKA_ONLY).get(Store.POSTGRES).get(Judgement.MISSING)).isEqualTo(2);
        assertThat(v.windows()).hasSize(4).allMatch(w -> w.stores().get(Store.POSTGRES).value() == null);
    }
}
