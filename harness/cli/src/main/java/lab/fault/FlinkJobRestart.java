package lab.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import lab.flink.FlinkRest;
import lab.flink.JobSummary;
import lab.flink.ResumePoint;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;

/**
 * Flink job restart (docs/consistency-spec.md §9): the running job is cancelled and submitted again from its latest retained
 * checkpoint, or with --savepoint stopped with a savepoint and submitted again from that savepoint. Measures
 * from the cancel or stop request: stopped_ms (the old job has ended) and running_ms (the new job and every
 * task RUNNING).
 */
final class FlinkJobRestart implements Fault {

    static final String SAVEPOINT = "--savepoint";
    private static final Duration STOP = Duration.ofSeconds(120);

    @Override
    public String name() {
        return "flink-job-restart";
    }

    @Override
    public String description() {
        return "cancel the Flink job, resubmit it from its latest retained checkpoint, time until it runs";
    }

    @Override
    public Map<String, String> options() {
        return Map.of(SAVEPOINT, "stop with a savepoint and resume from it instead of cancelling");
    }

    @Override
    public FaultReport inject(Stack stack, PrintStream out, FaultOptions options) {
        FlinkFaults.Cluster cluster = FlinkFaults.require(name(), stack);
        boolean savepoint = options.has(SAVEPOINT);
        FlinkRest rest = cluster.job().rest();
        String oldJob = cluster.jobId();
        Instant stoppedAt = Instant.now();
        long begin = System.nanoTime();
        String resumeFrom;
        if (savepoint) {
            out.printf("%s: stop job %s with a savepoint%n", name(), oldJob);
            resumeFrom = awaitSavepoint(rest, oldJob, rest.stopWithSavepoint(oldJob));
        } else {
            out.printf("%s: cancel job %s%n", name(), oldJob);
            rest.cancel(oldJob);
            resumeFrom = null;
        }
        String endState = awaitEnded(cluster, oldJob);
        long stoppedMs = (System.nanoTime() - begin) / 1_000_000;
        if (!savepoint) {
            try {
                resumeFrom = cluster.job().latestResumePoint().map(ResumePoint::uri).orElse(null);
            } catch (IOException e) {
                throw new LabException(name() + ": cannot look for retained checkpoints: " + e.getMessage(), e);
            }
        }
        out.printf("%s: job %s %s after %d ms; submitting it again %s%n", name(), oldJob, endState, stoppedMs,
                resumeFrom == null ? "fresh (it had no completed checkpoint)" : "from " + resumeFrom);
        String newJob;
        try {
            newJob = cluster.job().submit(resumeFrom);
        } catch (IOException e) {
            throw new LabException(name() + ": cannot submit the job again: " + e.getMessage(), e);
        }
        long runningMs = FlinkFaults.awaitRunning(name(), cluster.job(), newJob, begin, () -> true, out);
        FaultReport.Builder report = FaultReport.of(name())
                .put("mode", savepoint ? "stop-with-savepoint" : "cancel")
                .put("old_job_id", oldJob)
                .put("new_job_id", newJob)
                .put("stopped_at", stoppedAt.truncatedTo(ChronoUnit.MILLIS).toString())
                .put("stopped_ms", stoppedMs)
                .put("resumed_from", resumeFrom)
                .put("running_ms", runningMs);
        return FlinkFaults.restored(report, cluster.job(), newJob).build();
    }

    /** Polls the stop-with-savepoint trigger; returns the savepoint's location. */
    private String awaitSavepoint(FlinkRest rest, String jobId, String trigger) {
        long deadline = System.nanoTime() + STOP.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = rest.savepointStatus(jobId, trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.path("operation");
                String location = operation.path("location").asText();
                if (location.isEmpty()) {
                    throw new LabException(name() + ": stop-with-savepoint of " + jobId + " failed: "
                            + operation.path("failure-cause").path("stack-trace").asText(operation.toString())
                            .lines().limit(8).reduce((a, b) -> a + "\n" + b).orElse(""));
                }
                return location;
            }
            Sleep.millis(200);
        }
        throw new LabException(name() + ": the savepoint of " + jobId + " did not complete within " + STOP.toSeconds() + " s");
    }

    /** Waits until the old job has ended (CANCELED after a cancel, FINISHED after stop-with-savepoint). */
    private String awaitEnded(FlinkFaults.Cluster cluster, String jobId) {
        long deadline = System.nanoTime() + STOP.toNanos();
        while (System.nanoTime() < deadline) {
            String state = cluster.job().health(jobId).state();
            if (JobSummary.ended(state)) {
                return state;
            }
            Sleep.millis(100);
        }
        throw new LabException(name() + ": job " + jobId + " has not ended " + STOP.toSeconds() + " s after the request");
    }
}
