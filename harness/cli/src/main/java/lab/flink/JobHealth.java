package lab.flink;

import java.util.List;
import java.util.TreeSet;

/**
 * A job's health: healthy when the job is RUNNING and so is every one of its tasks. A RUNNING job whose tasks
 * are still being scheduled, deployed or restored reads as the least advanced state among them, so a job that
 * waits for slots says SCHEDULED and one restoring its state says INITIALIZING, not RUNNING.
 *
 * @param state the job state, or for a RUNNING job with tasks not yet running, their least advanced state
 */
public record JobHealth(String state, boolean healthy) {

    /** Task states on the way to RUNNING, least advanced first; any other (failed, canceling...) comes before. */
    private static final List<String> PROGRESS = List.of("created", "scheduled", "deploying", "initializing");

    public static JobHealth of(JobSummary job) {
        int total = job.tasks("total");
        int running = job.tasks("running");
        boolean healthy = job.state().equals("RUNNING") && total > 0 && running == total;
        if (!job.state().equals("RUNNING") || healthy) {
            return new JobHealth(job.state(), healthy);
        }
        String least = null;
        for (String taskState : new TreeSet<>(job.tasks().keySet())) {
            if (job.tasks(taskState) > 0 && !taskState.equals("total") && !taskState.equals("running")
                    && (least == null || PROGRESS.indexOf(taskState) < PROGRESS.indexOf(least))) {
                least = taskState;
            }
        }
        return new JobHealth(least == null ? job.state() : least.toUpperCase(), false);
    }
}
