package lab.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import lab.components.FlinkJob;
import lab.components.JobManager;
import lab.components.TaskManager;
import lab.flink.JobHealth;
import lab.flink.JobSummary;
import lab.stack.Component;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;

/** What the Flink faults share: the preconditions and the wait for a job to run again. */
final class FlinkFaults {

    static final Duration RECOVERY = Duration.ofSeconds(240);

    private FlinkFaults() {
    }

    /** The cluster and the job as a fault finds them. */
    record Cluster(JobManager jobManager, TaskManager taskManager, FlinkJob job, String jobId) {
    }

    /**
     * The JobManager answers, the TaskManager runs and is registered, and the job is RUNNING with every task;
     * otherwise a LabException saying what is missing and how to start it. Nothing is touched.
     */
    static Cluster require(String fault, Stack stack) {
        JobManager jm = (JobManager) stack.component("jobmanager");
        TaskManager tm = (TaskManager) stack.component("taskmanager");
        FlinkJob job = (FlinkJob) stack.component("flink-job");
        running(fault, stack, jm);
        if (!jm.accepting()) {
            throw new LabException(fault + ": the jobmanager runs but its REST API at " + jm.endpoint()
                    + " does not answer; see ./lab status");
        }
        running(fault, stack, tm);
        if (!tm.accepting()) {
            throw new LabException(fault + ": the taskmanager runs but is not registered with the jobmanager;"
                    + " see ./lab status");
        }
        Optional<JobSummary> live = job.live();
        if (live.isEmpty()) {
            throw new LabException(fault + ": no flink-job runs on the cluster; start it with ./lab up flink-job");
        }
        JobHealth health = JobHealth.of(live.get());
        if (!health.healthy()) {
            throw new LabException(fault + ": flink-job " + live.get().id() + " is " + health.state()
                    + ", not RUNNING; wait for it (./lab status) before injecting a fault");
        }
        return new Cluster(jm, tm, job, live.get().id());
    }

    private static void running(String fault, Stack stack, Component c) {
        Daemon daemon = stack.daemon(c);
        if (daemon.state() != Daemon.State.RUNNING) {
            throw new LabException(fault + ": " + c.name() + " is not running; start the stack with ./lab up flink-job");
        }
    }


    /**
     * Waits until job jobId is RUNNING with every task and also is true; narrates each state it passes through.
     * Returns ms since since (System.nanoTime()).
     */
    static long awaitRunning(String fault, FlinkJob job, String jobId, long since, BooleanSupplier also, PrintStream out) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        String last = null;
        while (true) {
            JobHealth health = job.health(jobId);
            if (!health.state().equals(last)) {
                out.printf("%s: job %s %s after %d ms%n", fault, jobId, health.state(), (System.nanoTime() - since) / 1_000_000);
                last = health.state();
            }
            if (health.healthy() && also.getAsBoolean()) {
                return (System.nanoTime() - since) / 1_000_000;
            }
            if (JobSummary.ended(health.state())) {
                throw new LabException(fault + ": job " + jobId + " ended " + health.state() + ": " + job.diagnosis());
            }
            if (System.nanoTime() > deadline) {
                throw new LabException(fault + ": job " + jobId + " not RUNNING " + RECOVERY.toSeconds() + " s later: "
                        + job.diagnosis());
            }
            Sleep.millis(200);
        }
    }

    /** Adds what the job last restored from (GET /jobs/{id}/checkpoints latest.restored): id and path, or nulls. */
    static FaultReport.Builder restored(FaultReport.Builder report, FlinkJob job, String jobId) {
        JsonNode restored;
        try {
            restored = job.rest().checkpoints(jobId).path("latest").path("restored");
        } catch (LabException e) {
            restored = null;
        }
        boolean known = restored != null && restored.isObject();
        return report.put("restored_checkpoint_id", known ? restored.path("id").asLong() : null)
                .put("restored_from", known ? restored.path("external_path").asText() : null);
    }
}
