package consistency.oracle;

import consistency.decision.Confidence;
import consistency.decision.WindowState;
import consistency.oracle.Verdicts.Judgement;
import consistency.store.ReadModelWindow;
import consistency.store.Store;
import consistency.wire.WindowResult.Engine;
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
        return state(engine, start, value, count, 4);
    }

    private static WindowState state(Engine engine, Instant start, long value, int count, long version) {
        return new WindowState(engine, "k", start, start.plusSeconds(10), "r1", value, count, 1, "i", null, null,
                Confidence.HIGH, false, false, 0, version, start);
    }

    private static Map.Entry<String, ReadModelWindow> held(WindowState s) {
        return Map.entry(s.resultKey(), new ReadModelWindow(s, s.updatedAt().plusMillis(90), s.updatedAt()));
    }

    @Test
    void eachWindowIsCorrectWrongOrMissingPerEngine() {
        List<WindowTruth> truth = List.of(truth(W1, 10, 2), truth(W2, -5, 1));
        List<WindowState> stored = List.of(
                state(Engine.KAFKA_ONLY, W1, 10, 2),
                state(Engine.KAFKA_ONLY, W2, -5, 2),
                state(Engine.KAFKA_ONLY, W3, 7, 1),
                state(Engine.FLINK, W1, 10, 2));

        Verdicts.Verdict v = Verdicts.judge("r1", truth, stored, Map.of(), Map.of(), List.of(Engine.KAFKA_ONLY));

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
        Verdicts.Verdict v = Verdicts.judge("r1", List.of(truth(W1, 10, 2), truth(W2, 1, 1)), List.of(), Map.of(),
                Map.of(), List.of(Engine.KAFKA_ONLY, Engine.FLINK));
        assertThat(v.totals().get(Engine.FLINK).get(Store.POSTGRES).get(Judgement.MISSING)).isEqualTo(2);
        assertThat(v.totals().get(Engine.KAFKA_ONLY).get(Store.POSTGRES).get(Judgement.MISSING)).isEqualTo(2);
        assertThat(v.windows()).hasSize(4).allMatch(w -> w.stores().get(Store.POSTGRES).value() == null);
    }

    @Test
    void aReadModelLagsUntilItHoldsPostgresVersionThenIsJudgedOnItsValue() {
        List<WindowTruth> truth = List.of(truth(W1, 10, 2), truth(W2, -5, 1), truth(W3, 3, 1));
        List<WindowState> postgres = List.of(
                state(Engine.FLINK, W1, 10, 2, 2),
                state(Engine.FLINK, W2, -5, 1, 3));
        Map<String, ReadModelWindow> mongo = Map.ofEntries(
                held(state(Engine.FLINK, W1, 10, 2, 2)),
                held(state(Engine.FLINK, W2, 4, 1, 2)));
        Map<String, ReadModelWindow> elastic = Map.ofEntries(held(state(Engine.FLINK, W1, 9, 2, 2)));

        Verdicts.Verdict v = Verdicts.judge("r1", truth, postgres,
                Map.of(Store.MONGODB, mongo, Store.ELASTICSEARCH, elastic), Map.of(), List.of(Engine.FLINK));

        assertThat(v.windows()).extracting(w -> w.stores().get(Store.POSTGRES).verdict())
                .containsExactly(Judgement.CORRECT, Judgement.CORRECT, Judgement.MISSING);
        assertThat(v.windows()).extracting(w -> w.stores().get(Store.MONGODB).verdict())
                .containsExactly(Judgement.CORRECT, Judgement.LAGGING, Judgement.MISSING);
        assertThat(v.windows()).extracting(w -> w.stores().get(Store.ELASTICSEARCH).verdict())
                .containsExactly(Judgement.WRONG, Judgement.LAGGING, Judgement.MISSING);
        assertThat(v.windows().get(1).stores().get(Store.MONGODB).version()).isEqualTo(2);
        assertThat(v.windows().get(0).stores().get(Store.MONGODB).lastCdcSyncTime()).isEqualTo(W1.plusMillis(90));
        assertThat(v.totals().get(Engine.FLINK).get(Store.MONGODB)).isEqualTo(Map.of(
                Judgement.CORRECT, 1, Judgement.LAGGING, 1, Judgement.WRONG, 0, Judgement.MISSING, 1));
    }

    @Test
    void anUnreadableReadModelIsNamedAndLeftOutOfTheTotals() {
        Verdicts.Verdict v = Verdicts.judge("r1", List.of(truth(W1, 10, 2)), List.of(state(Engine.FLINK, W1, 10, 2)),
                Map.of(Store.MONGODB, Map.of()), Map.of(Store.ELASTICSEARCH, "ConnectException: refused"),
                List.of(Engine.FLINK));
        assertThat(v.totals().get(Engine.FLINK)).containsOnlyKeys(Store.POSTGRES, Store.MONGODB);
        assertThat(v.windows().get(0).stores()).containsOnlyKeys(Store.POSTGRES, Store.MONGODB);
        assertThat(v.unavailable()).containsEntry(Store.ELASTICSEARCH, "ConnectException: refused");
    }
}
