package lab.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.components.Kafka;
import lab.kafka.Tap;
import lab.kafka.Topics;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;

/**
 * A Flink fault with {@value #OPTION}: injected only once its effect on the output is certain, checked on a frozen
 * TaskManager (SIGSTOP), which can neither complete a checkpoint nor commit a transaction meanwhile. The job's latest
 * checkpoint K is complete, none is in progress, and a Flink result written since the fault was asked for carries
 * checkpoint_id ≥ K: it was emitted after K's snapshot, so no completed checkpoint covers it and the job's recovery
 * from K must emit it again. A fault that strikes the frozen TaskManager (the kill) keeps that state until it
 * strikes; the others thaw it first, and a checkpoint may then complete before they act. Without the option the
 * fault strikes at once.
 */
final class AfterCheckpoint implements Fault {

    static final String OPTION = "--after-checkpoint";
    private static final String RESULTS = "lab.results";
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The least the job runs between two checks: it must get on with the run meanwhile. */
    private static final Duration BETWEEN_CHECKS = Duration.ofMillis(500);

    private final Fault fault;
    private final boolean strikesFrozen;

    /** {@code strikesFrozen}: the fault works on a frozen TaskManager (kill -9), so it stays frozen until then. */
    AfterCheckpoint(Fault fault, boolean strikesFrozen) {
        this.fault = fault;
        this.strikesFrozen = strikesFrozen;
    }

    @Override
    public String name() {
        return fault.name();
    }

    @Override
    public String description() {
        return fault.description();
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>(fault.options());
        options.put(OPTION, "wait until a Flink result written since the fault was asked for lies beyond the job's latest"
                + " completed checkpoint (checked on the frozen TaskManager), so recovery must emit it again");
        return options;
    }

    @Override
    public List<String> arguments() {
        return fault.arguments();
    }

    @Override
    public FaultReport inject(Stack stack, PrintStream out, FaultOptions options) {
        if (!options.has(OPTION)) {
            return fault.inject(stack, out, options);
        }
        FlinkFaults.Cluster cluster = FlinkFaults.require(name(), stack);
        long pid = stack.daemon(cluster.taskManager()).recordedPid().getAsLong();
        // Closed after the fault: a killed TaskManager needs no thaw, an interrupted or failed fault gets one.
        try (Freeze freeze = new Freeze(name())) {
            String evidence = awaitOutputBeyondCheckpoint(stack, cluster, pid, freeze);
            out.printf("%s: taskmanager frozen (pid %d): %s%n", name(), pid, evidence);
            if (!strikesFrozen) {
                freeze.close();
            }
            return fault.inject(stack, out, options).with("precondition", evidence);
        }
    }

    /** Returns with the TaskManager frozen and the evidence; thaws it after every check that finds none. */
    private String awaitOutputBeyondCheckpoint(Stack stack, FlinkFaults.Cluster cluster, long pid, Freeze freeze) {
        String bootstrap = ((Kafka) stack.component("kafka")).endpoint();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Topics topics = new Topics(bootstrap); Tap written = new Tap(bootstrap, topics.ends(RESULTS), false)) {
            List<Long> emittedAfter = new ArrayList<>(); // checkpoint_id of each Flink result written since the start
            while (System.nanoTime() < deadline) {
                long begin = System.nanoTime();
                freeze.stop(pid);
                Optional<String> evidence = Optional.empty();
                try {
                    for (Tap.Record r : written.drain()) {
                        JsonNode checkpoint = r.value().path("checkpoint_id");
                        if ("FLINK".equals(r.value().path("processing_engine").asText()) && checkpoint.isIntegralNumber()) {
                            emittedAfter.add(checkpoint.asLong());
                        }
                    }
                    evidence = beyondLatest(cluster.job().rest().checkpoints(cluster.jobId()), emittedAfter);
                } finally {
                    if (evidence.isEmpty()) {
                        freeze.close();
                    }
                }
                if (evidence.isPresent()) {
                    return evidence.get();
                }
                Sleep.millis(Math.max(BETWEEN_CHECKS.toMillis(), (System.nanoTime() - begin) / 1_000_000));
            }
        }
        throw new LabException("%s %s: within %d s no Flink result was emitted after the latest completed checkpoint; is the job consuming a run?"
                .formatted(name(), OPTION, WAIT.toSeconds()));
    }

    /**
     * The evidence when no checkpoint is in progress, one has completed (K), and results carry checkpoint_id ≥ K;
     * otherwise empty. {@code checkpoints} is Flink's GET /jobs/{id}/checkpoints.
     */
    static Optional<String> beyondLatest(JsonNode checkpoints, List<Long> emittedCheckpointIds) {
        JsonNode latest = checkpoints.path("latest").path("completed");
        if (checkpoints.path("counts").path("in_progress").asLong() != 0 || !latest.path("id").isIntegralNumber()) {
            return Optional.empty();
        }
        long k = latest.path("id").asLong();
        long beyond = emittedCheckpointIds.stream().filter(id -> id >= k).count();
        return beyond == 0 ? Optional.empty() : Optional.of(
                "%d Flink result(s) emitted after checkpoint %d, the latest completed, with none in progress".formatted(beyond, k));
    }
}
