package lab.experiment;

import java.util.List;
import java.util.Map;

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
     * A fault injected once the pipeline is in the state that makes its effect certain: {@code atSent} of the run's
     * planned events are sent and a window of it is decided, and then {@code when}. {@code quickOptions} and
     * {@code fullOptions} are the fault's options (a fault may wait for a state of its own, such as
     * processor-restart --reemit).
     */
    record FaultStep(String fault, String argument, double atSent, Precondition when, Map<String, String> quickOptions,
                     Map<String, String> fullOptions) {

        static FaultStep of(String fault, double atSent) {
            return new FaultStep(fault, null, atSent, Precondition.SENT, Map.of(), Map.of());
        }

        /** A Flink fault once a checkpoint covered part of the run and windows were emitted after it. */
        static FaultStep afterCheckpoint(String fault) {
            return afterCheckpoint(fault, Map.of());
        }

        static FaultStep afterCheckpoint(String fault, Map<String, String> options) {
            return new FaultStep(fault, null, 0, Precondition.FLINK_EMITTED_SINCE_CHECKPOINT, options, options);
        }
    }

    /** The pipeline state a fault waits for, beyond its share of the run sent. */
    enum Precondition {
        SENT,
        /**
         * Flink has committed results of the run (a checkpoint completed during it) and has written more since, in
         * the open transaction: a restore must emit them again, from the checkpoint's state.
         */
        FLINK_EMITTED_SINCE_CHECKPOINT
    }

    /** What the table expects of one row. {@code engine} is KAFKA_ONLY, FLINK or ALL. */
    record Expected(String engine, String postgres, String mongodb, String elasticsearch, String decision) {
    }

    /** The components this case's faults need beyond the core stack; a stack without them cannot run it. */
    List<String> needs() {
        return faults.stream().anyMatch(f -> f.fault().equals("cdc-pause"))
                ? List.of("cdc-mongodb", "cdc-elasticsearch") : List.of();
    }
}
