package consistency.processing;

import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The id of a job attempt stamped on every result: {@code <job id>-<attempt>} and, when the operator started from
 * a checkpoint or savepoint, {@code -from-<checkpoint id>}. A restart after a failure raises the attempt number, a
 * resubmission gets a new job id, and a restore names what it restored, so the id changes whenever results may be
 * re-emitted from restored state.
 */
final class Incarnation {

    private Incarnation() {
    }

    static String of(RuntimeContext context, Long restoredCheckpointId) {
        String jobId = context.getJobInfo().getJobId().toHexString();
        String id = jobId.substring(0, Math.min(12, jobId.length())) + "-" + context.getTaskInfo().getAttemptNumber();
        return restoredCheckpointId == null ? id : id + "-from-" + restoredCheckpointId;
    }
}
