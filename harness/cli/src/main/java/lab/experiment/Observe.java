package lab.experiment;

import static lab.experiment.DecisionTable.ALL;
import static lab.experiment.DecisionTable.APPLIED;
import static lab.experiment.DecisionTable.EVENTUAL_MARKED;
import static lab.experiment.DecisionTable.LAGGING;
import static lab.experiment.DecisionTable.RECOMPUTED;
import static lab.experiment.DecisionTable.STABLE;
import static lab.experiment.DecisionTable.STALE_MARKED;
import static lab.experiment.DecisionTable.UPDATE;
import static lab.experiment.DecisionTable.UPSERT;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a settled run shows for one row of the table, read from what the service logged and holds: the decision
 * log (PostgreSQL action, service decision), the verdict of every store against the ground truth, and the read
 * models' lag sampled while the run went on. A column this stack cannot show reads {@link #NOT_MEASURED}.
 */
final class Observe {

    static final String NOT_MEASURED = "n/a";
    static final String MONGODB = "MONGODB";
    static final String ELASTICSEARCH = "ELASTICSEARCH";
    private static final Set<String> LATE_OR_CHANGED = Set.of("LATE_UPDATE_STALE", "WINDOW_RECOMPUTED", "UPDATED",
            "NEEDS_REPROCESSING");

    /** The observed columns of a row. */
    record Observed(String postgres, String mongodb, String elasticsearch, String decision) {
    }

    /**
     * What a run gave for a row: its decisions (GET /api/decisions items), the settled verdict, the read-model
     * samples ({at, read_models}) and, in a CDC case, the EVENTUAL reads made while the CDC was paused ({at, answer}).
     */
    record Evidence(List<JsonNode> decisions, JsonNode verdict, List<JsonNode> lagSamples, List<JsonNode> eventualReads,
                    boolean cdcCase) {
    }

    private Observe() {
    }

    static boolean ofEngine(JsonNode decisionOrWindow, String engine) {
        String e = decisionOrWindow.has("after") ? decisionOrWindow.path("after").path("processing_engine").asText()
                : decisionOrWindow.path("engine").asText();
        return engine.equals(ALL) || engine.equals(e);
    }

    static Observed row(String engine, Evidence evidence) {
        List<JsonNode> decisions = evidence.decisions().stream().filter(d -> ofEngine(d, engine)).toList();
        List<JsonNode> windows = new ArrayList<>();
        evidence.verdict().path("windows").forEach(w -> {
            if (ofEngine(w, engine)) {
                windows.add(w);
            }
        });
        String postgres = postgresAction(decisions);
        return new Observed(postgres,
                readModel(MONGODB, windows, postgres, evidence),
                readModel(ELASTICSEARCH, windows, postgres, evidence),
                decision(decisions, windows, evidence));
    }

    /** Decisions counted by kind. */
    static Map<String, Integer> kinds(List<JsonNode> decisions) {
        Map<String, Integer> kinds = new TreeMap<>();
        decisions.forEach(d -> kinds.merge(d.path("decision").asText(), 1, Integer::sum));
        return kinds;
    }

    /** upsert when a restarted Kafka-only processor re-emitted windows, update when a window changed after its first write, else stable. */
    static String postgresAction(List<JsonNode> decisions) {
        Map<String, Integer> kinds = kinds(decisions);
        if (kinds.containsKey("RESTART_DUPLICATION")) {
            return UPSERT;
        }
        return kinds.keySet().stream().anyMatch(LATE_OR_CHANGED::contains) ? UPDATE : STABLE;
    }

    /**
     * A read model holds PostgreSQL's version of every window: CDC applied (update, when PostgreSQL updated windows).
     * In a CDC case: lagging, when a sample caught it behind and it holds every version in the end.
     */
    static String readModel(String store, List<JsonNode> windows, String postgres, Evidence evidence) {
        if (windows.isEmpty() || windows.stream().noneMatch(w -> w.path("stores").has(store))) {
            return NOT_MEASURED;
        }
        long behind = windows.stream().filter(w -> !sameVersion(w, store)).count();
        if (evidence.cdcCase()) {
            boolean sawLag = evidence.lagSamples().stream().anyMatch(s -> behindIn(s, store));
            if (!sawLag) {
                return "no lag seen";
            }
            return behind == 0 ? LAGGING : "lagging, " + behind + " windows not caught up";
        }
        if (behind > 0) {
            return behind + " windows behind";
        }
        return postgres.equals(UPDATE) ? UPDATE : APPLIED;
    }

    private static boolean sameVersion(JsonNode window, String store) {
        JsonNode pg = window.path("stores").path("POSTGRES").path("version");
        JsonNode rm = window.path("stores").path(store).path("version");
        return !pg.isMissingNode() && !pg.isNull() && pg.asLong() == rm.asLong(-1);
    }

    private static boolean behindIn(JsonNode sample, String store) {
        for (JsonNode model : sample.path("read_models")) {
            if (store.equals(model.path("store").asText())
                    && (model.path("versions_behind").asLong() > 0 || model.path("windows_behind").asLong() > 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the service decided, in the table's words: stale marked (late Kafka-only updates LOW and stale), window
     * recomputed (Flink's late revisions HIGH), the confidence of restart-duplicated windows, EVENTUAL marked (EVENTUAL
     * reads of the lagging read models said so: an older copy answered EVENTUALLY_CONSISTENT with its lag, a missing
     * one answered by PostgreSQL with the reason, and no lagging answer unmarked), else the confidence the windows hold.
     */
    static String decision(List<JsonNode> decisions, List<JsonNode> windows, Evidence evidence) {
        if (evidence.cdcCase()) {
            if (evidence.eventualReads().isEmpty()) {
                return NOT_MEASURED;
            }
            EventualReads reads = eventualReads(evidence.eventualReads());
            if (reads.unmarked() > 0) {
                return reads.unmarked() + " lagging answers not marked";
            }
            return reads.behindMarked() + reads.fellBack() > 0 ? EVENTUAL_MARKED : "no lagging answer seen";
        }
        List<JsonNode> stale = ofKind(decisions, "LATE_UPDATE_STALE");
        if (!stale.isEmpty()) {
            return all(stale, d -> "LOW".equals(d.path("confidence_after").asText()) && d.path("after").path("stale").asBoolean())
                    ? STALE_MARKED : "stale NOT marked: " + confidences(stale);
        }
        List<JsonNode> recomputed = ofKind(decisions, "WINDOW_RECOMPUTED");
        if (!recomputed.isEmpty()) {
            return all(recomputed, d -> "HIGH".equals(d.path("confidence_after").asText()))
                    ? RECOMPUTED : RECOMPUTED + ", " + confidences(recomputed);
        }
        List<JsonNode> restarted = ofKind(decisions, "RESTART_DUPLICATION");
        if (!restarted.isEmpty()) {
            return confidences(restarted);
        }
        Set<String> held = new TreeSet<>();
        windows.forEach(w -> held.add(w.path("stores").path("POSTGRES").path("confidence").asText("none")));
        return DecisionTable.confidence(String.join("/", held));
    }

    /** What the EVENTUAL reads made while the CDC was paused answered for windows the read model did not hold current. */
    record EventualReads(int behindMarked, int fellBack, int unmarked) {
    }

    /**
     * Counts, over the reads' windows: served behind PostgreSQL as EVENTUALLY_CONSISTENT with its lag
     * (behindMarked), answered by PostgreSQL with the reason the read model could not serve it (fellBack), and
     * served behind PostgreSQL without saying so (unmarked: a broken contract).
     */
    static EventualReads eventualReads(List<JsonNode> reads) {
        int behind = 0;
        int fellBack = 0;
        int unmarked = 0;
        for (JsonNode read : reads) {
            for (JsonNode window : read.path("answer").path("windows")) {
                boolean lagging = window.path("lag").path("versions_behind").asLong() > 0;
                if (lagging && "EVENTUALLY_CONSISTENT".equals(window.path("confidence").asText())) {
                    behind++;
                } else if (lagging) {
                    unmarked++;
                } else if ("POSTGRES".equals(window.path("served_from").asText())
                        && !window.path("fallback_reason").asText("").isEmpty()) {
                    fellBack++;
                }
            }
        }
        return new EventualReads(behind, fellBack, unmarked);
    }

    private static List<JsonNode> ofKind(List<JsonNode> decisions, String kind) {
        return decisions.stream().filter(d -> kind.equals(d.path("decision").asText())).toList();
    }

    private static boolean all(List<JsonNode> decisions, Predicate<JsonNode> test) {
        return decisions.stream().allMatch(test);
    }

    private static String confidences(List<JsonNode> decisions) {
        Set<String> levels = new TreeSet<>();
        decisions.forEach(d -> levels.add(d.path("confidence_after").asText()));
        return DecisionTable.confidence(String.join("/", levels));
    }

    /** Every event of the ground truth counted once in PostgreSQL: expected = accounted and no window off (Flink's promise). */
    record Accounting(long expected, long accounted, long windowsOff) {
        boolean complete() {
            return expected == accounted && windowsOff == 0;
        }
    }

    static Accounting accounting(JsonNode verdict, String engine) {
        long expected = 0;
        long accounted = 0;
        long off = 0;
        for (JsonNode w : verdict.path("windows")) {
            if (!ofEngine(w, engine)) {
                continue;
            }
            JsonNode pg = w.path("stores").path("POSTGRES");
            expected += w.path("expected_count").asLong(0);
            if ("CORRECT".equals(pg.path("verdict").asText())) {
                accounted += pg.path("event_count").asLong(0);
            } else {
                off++;
            }
        }
        return new Accounting(expected, accounted, off);
    }
}
