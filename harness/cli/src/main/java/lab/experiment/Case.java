package lab.experiment;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scenario of the decision table: the generator run it starts (quick and full sizes of the same scenario),
 * the faults it injects while the run goes on, and the rows it is judged by, one per engine (or one for all).
 *
 * @param id        short name, used in the report
 * @param scenario  the table's scenario column
 * @param quickRun  POST /api/runs body for --quick
 * @param fullRun   POST /api/runs body for the full table
 * @param faults    injected in order, each once the run has reached its point
 * @param rows      expected values, in table order
 */
record Case(String id, String scenario, String quickRun, String fullRun, List<FaultStep> faults, List<Expected> rows) {

    /**
     * A fault injected once {@code atSent} of the run's planned events are sent and a window of it is decided.
     * {@code quickOptions} and {@code fullOptions} are the fault's options; a fault may wait for a pipeline state of
     * its own that makes its effect certain (processor-restart --reemit, the Flink faults' --after-checkpoint).
     */
    record FaultStep(String fault, String argument, double atSent, Map<String, String> quickOptions,
                     Map<String, String> fullOptions) {

        static FaultStep of(String fault, double atSent, Map<String, String> options) {
            return new FaultStep(fault, null, atSent, options, options);
        }

        /** A Flink fault once a checkpoint committed part of the run and results were written after it. */
        static FaultStep afterCheckpoint(String fault) {
            return afterCheckpoint(fault, Map.of());
        }

        static FaultStep afterCheckpoint(String fault, Map<String, String> options) {
            Map<String, String> withWait = new TreeMap<>(options);
            withWait.put(AFTER_CHECKPOINT, "");
            return of(fault, 0, withWait);
        }
    }

    /** The Flink faults' option that waits for output in flight (see lab.fault.AfterCheckpoint). */
    static final String AFTER_CHECKPOINT = "--after-checkpoint";

    /** What the table expects of one row. {@code engine} is KAFKA_ONLY, FLINK or ALL. */
    record Expected(String engine, String postgres, String mongodb, String elasticsearch, String decision) {
    }

    /** The components this case's faults need beyond the core stack; a stack without them cannot run it. */
    List<String> needs() {
        return faults.stream().anyMatch(f -> f.fault().equals("cdc-pause"))
                ? List.of("cdc-mongodb", "cdc-elasticsearch") : List.of();
    }
}
