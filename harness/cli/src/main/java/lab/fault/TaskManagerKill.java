package lab.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Stack;

/**
 * TaskManager killed and replaced (docs/consistency-spec.md §9): `kill -9` of the TaskManager while the job runs, a new
 * TaskManager started (the same installed jars and settings), then a wait until the job runs again with its
 * tasks on the new TaskManager, restored from its latest checkpoint. Measures from the kill: registered_ms
 * (the new TaskManager is registered with the JobManager) and running_ms (the job and every task RUNNING).
 */
final class TaskManagerKill implements Fault {

    @Override
    public String name() {
        return "taskmanager-kill";
    }

    @Override
    public String description() {
        return "kill -9 the Flink TaskManager, start a new one, time until the job runs again";
    }

    @Override
    public FaultReport inject(Stack stack, PrintStream out, FaultOptions options) {
        FlinkFaults.Cluster cluster = FlinkFaults.require(name(), stack);
        Daemon daemon = stack.daemon(cluster.taskManager());
        long oldPid = daemon.recordedPid().getAsLong();
        out.printf("%s: kill -9 taskmanager (pid %d) while job %s runs%n", name(), oldPid, cluster.jobId());
        Instant killedAt = Instant.now();
        long kill = System.nanoTime();
        try {
            daemon.kill();
        } catch (IOException e) {
            throw new LabException(name() + ": cannot kill pid " + oldPid + ": " + e.getMessage(), e);
        }
        KillAndRestart.awaitPortsReleased(name(), cluster.taskManager());
        long goneMs = (System.nanoTime() - kill) / 1_000_000;
        out.printf("%s: pid %d gone after %d ms; starting a new taskmanager%n", name(), oldPid, goneMs);
        long newPid = stack.relaunch(cluster.taskManager().name());
        long registeredMs = (System.nanoTime() - kill) / 1_000_000;
        out.printf("%s: new taskmanager (pid %d, %s) registered after %d ms%n", name(), newPid,
                cluster.taskManager().resourceId(), registeredMs);
        long runningMs = FlinkFaults.awaitRunning(name(), cluster.job(), cluster.jobId(), kill,
                () -> slotsInUse(cluster), out);
        FaultReport.Builder report = FaultReport.of(name())
                .put("job_id", cluster.jobId())
                .put("old_pid", oldPid)
                .put("new_pid", newPid)
                .put("killed_at", killedAt.truncatedTo(ChronoUnit.MILLIS).toString())
                .put("gone_ms", goneMs)
                .put("registered_ms", registeredMs)
                .put("running_ms", runningMs);
        return FlinkFaults.restored(report, cluster.job(), cluster.jobId()).build();
    }

    /** The job's tasks occupy slots of the new TaskManager (not just the dead one's, which may still be listed). */
    private static boolean slotsInUse(FlinkFaults.Cluster cluster) {
        Optional<JsonNode> tm = cluster.taskManager().registration();
        return tm.isPresent() && tm.get().path("freeSlots").asInt() < tm.get().path("slotsNumber").asInt();
    }
}
