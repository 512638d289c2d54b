package consistency.oracle;

import consistency.decision.WindowState;
import consistency.store.ReadModelWindow;
import consistency.store.Store;
import consistency.wire.WindowResult.Engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges what each store holds for a run against the ground truth, per window and engine. PostgreSQL: CORRECT
 * (value and count equal the truth), WRONG (they differ, or the window should not exist), MISSING (not stored).
 * A read model: LAGGING while it holds an older version than PostgreSQL or none yet (CDC will bring it), else
 * judged like PostgreSQL on the value it holds; MISSING only when PostgreSQL does not have the window either.
 */
public final class Verdicts {

    public enum Judgement { CORRECT, LAGGING, WRONG, MISSING }

    /** {@code lastCdcSyncTime}: when CDC applied the value (read models only). */
    public record StoreVerdict(Long value, Integer eventCount, Long version, String confidence, Instant lastCdcSyncTime,
                               Judgement verdict) {
    }

    /** {@code expected} and {@code expectedCount} are null for a stored window the truth does not have. */
    public record WindowVerdict(String businessKey, Instant windowStart, Instant windowEnd, Engine engine, Long expected,
                                Integer expectedCount, Map<Store, StoreVerdict> stores) {
    }

    /** {@code unavailable}: read models that could not be read, with the reason; they are absent from totals. */
    public record Verdict(String runId, Map<Engine, Map<Store, Map<Judgement, Integer>>> totals,
                          List<WindowVerdict> windows, Map<Store, String> unavailable) {
    }

    private Verdicts() {
    }

    /**
     * Judges PostgreSQL's states and each read model's documents (by result key) for every engine in
     * {@code engines}; states of other engines are ignored.
     */
    public static Verdict judge(String runId, List<WindowTruth> truth, Collection<WindowState> stored,
                                Map<Store, Map<String, ReadModelWindow>> readModels, Map<Store, String> unavailable,
                                Collection<Engine> engines) {
        record Key(Engine engine, String businessKey, Instant windowStart) {
        }
        Map<Key, WindowState> byKey = new HashMap<>();
        stored.forEach(s -> byKey.put(new Key(s.processingEngine(), s.businessKey(), s.windowStart()), s));

        Map<Engine, Map<Store, Map<Judgement, Integer>>> totals = new EnumMap<>(Engine.class);
        List<WindowVerdict> windows = new ArrayList<>();
        for (Engine engine : engines) {
            Map<Store, Map<Judgement, Integer>> counts = totals.computeIfAbsent(engine, e -> new EnumMap<>(Store.class));
            counts.put(Store.POSTGRES, zeroCounts());
            readModels.keySet().forEach(store -> counts.put(store, zeroCounts()));
            for (WindowTruth t : truth) {
                WindowState s = byKey.remove(new Key(engine, t.businessKey(), t.windowStart()));
                Map<Store, StoreVerdict> verdicts = judgeWindow(t, s, WindowState.resultKey(engine, t.businessKey(),
                        t.windowStart()), readModels, counts);
                windows.add(new WindowVerdict(t.businessKey(), t.windowStart(), t.windowEnd(), engine, t.expectedValue(),
                        t.expectedCount(), verdicts));
            }
        }
        for (WindowState extra : byKey.values()) {
            if (engines.contains(extra.processingEngine())) {
                Map<Store, StoreVerdict> verdicts = judgeWindow(null, extra, extra.resultKey(), readModels,
                        totals.get(extra.processingEngine()));
                windows.add(new WindowVerdict(extra.businessKey(), extra.windowStart(), extra.windowEnd(),
                        extra.processingEngine(), null, null, verdicts));
            }
        }
        windows.sort(Comparator.comparing(WindowVerdict::engine).thenComparing(WindowVerdict::businessKey)
                .thenComparing(WindowVerdict::windowStart));
        return new Verdict(runId, totals, windows, unavailable);
    }

    /** One window in every store; {@code truth} null for a window that should not exist, {@code current} null if PostgreSQL lacks it. */
    private static Map<Store, StoreVerdict> judgeWindow(WindowTruth truth, WindowState current, String resultKey,
                                                        Map<Store, Map<String, ReadModelWindow>> readModels,
                                                        Map<Store, Map<Judgement, Integer>> counts) {
        Map<Store, StoreVerdict> verdicts = new EnumMap<>(Store.class);
        Judgement postgres = current == null ? Judgement.MISSING : valueJudgement(truth, current);
        verdicts.put(Store.POSTGRES, storeVerdict(current, null, postgres));
        readModels.forEach((store, held) -> {
            ReadModelWindow h = held.get(resultKey);
            WindowState state = h == null ? null : h.state();
            Judgement judgement;
            if (state == null) {
                judgement = current == null ? Judgement.MISSING : Judgement.LAGGING;
            } else if (current != null && state.version() < current.version()) {
                judgement = Judgement.LAGGING;
            } else {
                judgement = valueJudgement(truth, state);
            }
            verdicts.put(store, storeVerdict(state, h == null ? null : h.lastCdcSyncTime(), judgement));
        });
        verdicts.forEach((store, v) -> counts.get(store).merge(v.verdict(), 1, Integer::sum));
        return verdicts;
    }

    private static Judgement valueJudgement(WindowTruth truth, WindowState s) {
        return truth != null && s.calculatedValue() == truth.expectedValue() && s.eventCount() == truth.expectedCount()
                ? Judgement.CORRECT : Judgement.WRONG;
    }

    private static Map<Judgement, Integer> zeroCounts() {
        Map<Judgement, Integer> counts = new EnumMap<>(Judgement.class);
        for (Judgement j : Judgement.values()) {
            counts.put(j, 0);
        }
        return counts;
    }

    private static StoreVerdict storeVerdict(WindowState s, Instant syncedAt, Judgement judgement) {
        return s == null ? new StoreVerdict(null, null, null, null, null, judgement)
                : new StoreVerdict(s.calculatedValue(), s.eventCount(), s.version(), s.confidence().name(), syncedAt,
                judgement);
    }
}
