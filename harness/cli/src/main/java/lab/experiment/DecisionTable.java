package lab.experiment;

import java.util.List;
import java.util.Map;
import lab.experiment.Case.Expected;
import lab.experiment.Case.FaultStep;

/**
 * The decision table as cases to run, plus the rows the lab adds: a TaskManager killed and checkpoints timing out
 * (Flink), and shuffled delivery with duplicates and a replay (both engines). The one source of the experiment's
 * expected rows and of docs/consistency-spec.md §11, which {@link SpecDocument} renders from it. Every run is paced
 * (events_per_second) so that a fault lands while the run still sends; what the engines decide does not depend on
 * the pace, since their clocks move only on the generator's events and progress marks.
 */
final class DecisionTable {

    static final String KAFKA_ONLY = "KAFKA_ONLY";
    static final String FLINK = "FLINK";
    static final String ALL = "ALL";

    // PostgreSQL actions
    static final String UPSERT = "upsert";
    static final String UPDATE = "update";
    static final String STABLE = "stable";
    // read model columns
    static final String APPLIED = "CDC applied";
    static final String LAGGING = "lagging";
    // service decisions
    static final String STALE_MARKED = "stale marked";
    static final String RECOMPUTED = "window recomputed";
    static final String EVENTUAL_MARKED = "EVENTUAL marked";

    static String confidence(String level) {
        return "confidence=" + level;
    }

    private DecisionTable() {
    }

    private static final int PACE = 150;
    /** Kill the processor only when its restart must emit a window again. */
    private static final Map<String, String> REEMIT = Map.of("--reemit", "");
    /** Slower, so a restarted engine is back while the run still sends. */
    private static final int RESTART_PACE = 100;

    /** A paced run: seed, keys, events per key, then the injection blocks (JSON members, may be empty). */
    private static String run(int seed, int keys, int eventsPerKey, String injections) {
        return run(seed, keys, eventsPerKey, PACE, injections);
    }

    private static String run(int seed, int keys, int eventsPerKey, int eventsPerSecond, String injections) {
        return "{\"seed\":%d,\"keys\":%d,\"events_per_key\":%d,\"events_per_second\":%d%s}"
                .formatted(seed, keys, eventsPerKey, eventsPerSecond, injections.isEmpty() ? "" : "," + injections);
    }

    static List<Case> cases() {
        return List.of(
                // One fault per run: each engine's restart has a run of its own.
                new Case("restart-duplication", "restart duplication",
                        run(31, 3, 400, RESTART_PACE, ""), run(31, 4, 800, RESTART_PACE, "\"duplicates\":{\"rate\":0.1}"),
                        List.of(FaultStep.of("processor-restart", 0.3, REEMIT)),
                        List.of(new Expected(KAFKA_ONLY, UPSERT, APPLIED, APPLIED, confidence("LOW")))),
                new Case("restart-flink", "restart duplication",
                        run(37, 3, 400, RESTART_PACE, ""), run(37, 4, 800, RESTART_PACE, "\"duplicates\":{\"rate\":0.1}"),
                        List.of(FaultStep.afterCheckpoint("flink-job-restart")),
                        List.of(new Expected(FLINK, STABLE, APPLIED, APPLIED, confidence("HIGH")))),
                new Case("restart-flink-savepoint", "restart from a savepoint",
                        run(38, 3, 400, RESTART_PACE, ""), run(38, 4, 800, RESTART_PACE, "\"duplicates\":{\"rate\":0.1}"),
                        List.of(FaultStep.afterCheckpoint("flink-job-restart", Map.of("--savepoint", ""))),
                        List.of(new Expected(FLINK, STABLE, APPLIED, APPLIED, confidence("HIGH")))),
                new Case("late-event", "late event",
                        run(32, 3, 200, "\"out_of_order\":{\"window_ms\":2000},\"late\":{\"fraction\":0.05,\"late_by_ms\":25000}"),
                        run(32, 4, 400, "\"duplicates\":{\"rate\":0.1},\"out_of_order\":{\"window_ms\":2000},"
                                + "\"late\":{\"fraction\":0.05,\"late_by_ms\":25000}"),
                        List.of(),
                        List.of(new Expected(KAFKA_ONLY, UPDATE, UPDATE, UPDATE, STALE_MARKED),
                                new Expected(FLINK, UPDATE, UPDATE, UPDATE, RECOMPUTED))),
                new Case("cdc-delay", "CDC delay",
                        run(33, 3, 200, ""), run(33, 4, 400, "\"duplicates\":{\"rate\":0.1}"),
                        List.of(new FaultStep("cdc-pause", "both", 0.2, Map.of("--for", "8s"),
                                Map.of("--for", "20s"))),
                        List.of(new Expected(ALL, STABLE, LAGGING, LAGGING, EVENTUAL_MARKED))),
                new Case("taskmanager-kill", "TaskManager killed",
                        run(34, 3, 300, ""), run(34, 4, 500, "\"duplicates\":{\"rate\":0.1}"),
                        List.of(FaultStep.afterCheckpoint("taskmanager-kill")),
                        List.of(new Expected(FLINK, STABLE, APPLIED, APPLIED, confidence("HIGH")))),
                new Case("checkpoint-timeout", "checkpoint timeout",
                        run(35, 3, 300, ""), run(35, 4, 500, "\"duplicates\":{\"rate\":0.1}"),
                        List.of(FaultStep.afterCheckpoint("checkpoint-timeout")),
                        List.of(new Expected(FLINK, STABLE, APPLIED, APPLIED, confidence("HIGH")))),
                new Case("out-of-order", "out-of-order, duplicates, replay",
                        run(36, 3, 200, "\"duplicates\":{\"rate\":0.2},\"out_of_order\":{\"window_ms\":2000},"
                                + "\"replay\":{\"from_sequence\":120,\"count\":30}"),
                        run(36, 4, 400, "\"duplicates\":{\"rate\":0.2},\"out_of_order\":{\"window_ms\":2000},"
                                + "\"replay\":{\"from_sequence\":250,\"count\":50}"),
                        List.of(),
                        List.of(new Expected(KAFKA_ONLY, STABLE, APPLIED, APPLIED, confidence("EVENTUALLY_CONSISTENT")),
                                new Expected(FLINK, STABLE, APPLIED, APPLIED, confidence("HIGH")))));
    }
}
