package consistency.oracle;

import consistency.decision.WindowState;
import consistency.events.WindowResult.Engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges what a store holds for a run against the ground truth: per window and engine, CORRECT (value and
 * count equal the truth), WRONG (they differ, or the window should not exist), MISSING (not stored).
 * LAGGING is for read models that are behind PostgreSQL and will converge.
 */
public final class Verdicts {

    public enum Store { POSTGRES, MONGODB, ELASTICSEARCH }

    public enum Judgement { CORRECT, LAGGING, WRONG, MISSING }

    public record StoreVerdict(Long value, Integer eventCount, Long version, String confidence, Judgement verdict) {
    }

    /** {@code expected} and {@code expectedCount} are null for a stored window the truth does not have. */
    public record WindowVerdict(String businessKey, Instant windowStart, Instant windowEnd, Engine engine, Long expected,
                                Integer expectedCount, Map<Store, StoreVerdict> stores) {
    }

    public record Verdict(String runId, Map<Engine, Map<Store, Map<Judgement, Integer>>> totals,
                          List<WindowVerdict> windows) {
    }

    private Verdicts() {
    }

    /** Judges PostgreSQL's states for every engine in {@code engines}; states of other engines are ignored. */
    public static Verdict judgePostgres(String runId, List<WindowTruth> truth, Collection<WindowState> stored,
                                        Collection<Engine> engines) {
        record Key(Engine engine, String businessKey, Instant windowStart) {
        }
        Map<Key, WindowState> byKey = new HashMap<>();
        stored.forEach(s -> byKey.put(new Key(s.processingEngine(), s.businessKey(), s.windowStart()), s));

        Map<Engine, Map<Store, Map<Judgement, Integer>>> totals = new EnumMap<>(Engine.class);
        List<WindowVerdict> windows = new ArrayList<>();
        for (Engine engine : engines) {
            Map<Judgement, Integer> counts = zeroCounts();
            totals.computeIfAbsent(engine, e -> new EnumMap<>(Store.class)).put(Store.POSTGRES, counts);
            for (WindowTruth t : truth) {
                WindowState s = byKey.remove(new Key(engine, t.businessKey(), t.windowStart()));
                Judgement judgement = s == null ? Judgement.MISSING
                        : s.calculatedValue() == t.expectedValue() && s.eventCount() == t.expectedCount()
                        ? Judgement.CORRECT : Judgement.WRONG;
                counts.merge(judgement, 1, Integer::sum);
                windows.add(new WindowVerdict(t.businessKey(), t.windowStart(), t.windowEnd(), engine, t.expectedValue(),
                        t.expectedCount(), Map.of(Store.POSTGRES, storeVerdict(s, judgement))));
            }
        }
        for (WindowState extra : byKey.values()) {
            if (engines.contains(extra.processingEngine())) {
                totals.get(extra.processingEngine()).get(Store.POSTGRES).merge(Judgement.WRONG, 1, Integer::sum);
                windows.add(new WindowVerdict(extra.businessKey(), extra.windowStart(), extra.windowEnd(),
                        extra.processingEngine(), null, null, Map.of(Store.POSTGRES, storeVerdict(extra, Judgement.WRONG))));
            }
        }
        windows.sort(Comparator.comparing(WindowVerdict::engine).thenComparing(WindowVerdict::businessKey)
                .thenComparing(WindowVerdict::windowStart));
        return new Verdict(runId, totals, windows);
    }

    private static Map<Judgement, Integer> zeroCounts() {
        Map<Judgement, Integer> counts = new EnumMap<>(Judgement.class);
        for (Judgement j : Judgement.values()) {
            counts.put(j, 0);
        }
        return counts;
    }

    private static StoreVerdict storeVerdict(WindowState s, Judgement judgement) {
        return s == null ? new StoreVerdict(null, null, null, null, judgement)
                : new StoreVerdict(s.calculatedValue(), s.eventCount(), s.version(), s.confidence().name(), judgement);
    }
}
