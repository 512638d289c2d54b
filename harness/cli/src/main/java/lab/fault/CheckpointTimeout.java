package lab.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import lab.flink.FlinkRest;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;

/**
 * Checkpoint timeout (docs/consistency-spec.md §9): the TaskManager is frozen (SIGSTOP) for longer than the job's checkpoint timeout,
 * so no checkpoint can complete; Flink's own checkpoint statistics (GET /jobs/{id}/checkpoints) must count failed
 * checkpoints before it is thawed (SIGCONT). Then a wait until the job runs and completes a checkpoint again.
 * Measures: frozen_ms, the failed and completed counts before and after, the failure messages, and recovered_ms
 * (from the thaw to the next completed checkpoint).
 */
final class CheckpointTimeout implements Fault {

    /** Held beyond the checkpoint timeout: one checkpoint interval, so a checkpoint started late also times out. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "checkpoint-timeout";
    }

    @Override
    public String description() {
        return "SIGSTOP the TaskManager past the checkpoint timeout, confirm failed checkpoints, SIGCONT, time the recovery";
    }

    @Override
    public FaultReport inject(Stack stack, PrintStream out, FaultOptions options) {
        FlinkFaults.Cluster cluster = FlinkFaults.require(name(), stack);
        FlinkRest rest = cluster.job().rest();
        String jobId = cluster.jobId();
        long timeoutMs = rest.checkpointConfig(jobId).path("timeout").asLong();
        if (timeoutMs <= 0) {
            throw new LabException(name() + ": job " + jobId + " reports no checkpoint timeout");
        }
        JsonNode before = rest.checkpoints(jobId).path("counts");
        long pid = stack.daemon(cluster.taskManager()).recordedPid().getAsLong();
        long holdMs = timeoutMs + MARGIN.toMillis();
        out.printf("%s: SIGSTOP taskmanager (pid %d) for %d ms (checkpoint timeout %d ms); %d checkpoints failed so far%n",
                name(), pid, holdMs, timeoutMs, before.path("failed").asLong());
        Instant frozenAt = Instant.now();
        long frozen = System.nanoTime();
        JsonNode during;
        try (Freeze freeze = new Freeze(name())) {
            freeze.stop(pid);
            Sleep.millis(holdMs);
            during = rest.checkpoints(jobId);
        }
        long frozenMs = (System.nanoTime() - frozen) / 1_000_000;
        long failedBefore = before.path("failed").asLong();
        long failedDuring = during.path("counts").path("failed").asLong();
        out.printf("%s: SIGCONT after %d ms; Flink counts %d failed checkpoints (%d before)%n", name(), frozenMs,
                failedDuring, failedBefore);
        if (failedDuring <= failedBefore) {
            throw new LabException(name() + ": the taskmanager was frozen for " + frozenMs + " ms but Flink counts no new "
                    + "failed checkpoint (" + failedBefore + " before, " + failedDuring + " now)");
        }
        long thawed = System.nanoTime();
        long completedAtThaw = during.path("counts").path("completed").asLong();
        FlinkFaults.awaitRunning(name(), cluster.job(), jobId, thawed,
                () -> rest.checkpoints(jobId).path("counts").path("completed").asLong() > completedAtThaw, out);
        long recoveredMs = (System.nanoTime() - thawed) / 1_000_000;
        JsonNode after = rest.checkpoints(jobId).path("counts");
        out.printf("%s: job %s completed a checkpoint again %d ms after the thaw%n", name(), jobId, recoveredMs);
        return FaultReport.of(name())
                .put("job_id", jobId)
                .put("taskmanager_pid", pid)
                .put("frozen_at", frozenAt.truncatedTo(ChronoUnit.MILLIS).toString())
                .put("frozen_ms", frozenMs)
                .put("checkpoint_timeout_ms", timeoutMs)
                .put("failed_before", failedBefore)
                .put("failed_after", after.path("failed").asLong())
                .put("completed_before", before.path("completed").asLong())
                .put("completed_after", after.path("completed").asLong())
                .put("failure_messages", failureMessages(during))
                .put("recovered_ms", recoveredMs)
                .build();
    }

    /** The distinct failure messages of the failed checkpoints in Flink's recent history. */
    private static List<String> failureMessages(JsonNode checkpoints) {
        List<String> messages = new ArrayList<>();
        for (JsonNode c : checkpoints.path("history")) {
            String message = c.path("failure_message").asText("");
            if ("FAILED".equals(c.path("status").asText()) && !message.isEmpty() && !messages.contains(message)) {
                messages.add(message);
            }
        }
        return messages;
    }
}
