package lab.fault;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lab.components.Kafka;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka-only consumer restart (SPEC §10): the Mode A processor crashes and comes back. Its in-memory state
 * (dedup cache, open windows) is lost and it resumes from the last committed offset of lab.events, while the
 * decision layer keeps running. With --before-commit the kill waits for the processor's next offset commit and
 * comes {@link #AFTER_COMMIT} later, so the windows it emitted since that commit are surely emitted again.
 */
final class ProcessorRestart extends KillAndRestart {

    static final String BEFORE_COMMIT = "--before-commit";
    /** Well inside the processor's commit interval (lab.processor.commit-interval-ms, 5 s). */
    static final Duration AFTER_COMMIT = Duration.ofSeconds(3);
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(20);

    ProcessorRestart() {
        super("processor-restart", "processor",
                "kill -9 the Mode A processor, start it again, time until healthy");
    }

    @Override
    public Map<String, String> options() {
        return Map.of(BEFORE_COMMIT, "kill " + AFTER_COMMIT.toSeconds() + " s after the processor's next offset commit"
                + " (consumer group in lab.properties processor.consumer-group), so emitted windows are emitted again");
    }

    @Override
    public FaultReport inject(Stack stack, PrintStream out, FaultOptions options) {
        if (options.has(BEFORE_COMMIT)) {
            String group = stack.config().property("processor.consumer-group");
            awaitCommit((Kafka) stack.component("kafka"), group);
            out.printf("%s: group %s committed offsets; killing %d s later%n", name(), group, AFTER_COMMIT.toSeconds());
            Sleep.millis(AFTER_COMMIT.toMillis());
        }
        return super.inject(stack, out, options);
    }

    /** Polls the group's committed offsets until they change: a commit just happened. */
    private void awaitCommit(Kafka kafka, String group) {
        long deadline = System.nanoTime() + COMMIT_WAIT.toNanos();
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> first = committed(admin, group);
            while (committed(admin, group).equals(first)) {
                if (System.nanoTime() > deadline) {
                    throw new LabException(name() + ": group " + group + " committed nothing in " + COMMIT_WAIT.toSeconds()
                            + " s; is the processor consuming a run?");
                }
                Sleep.millis(100);
            }
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LabException(name() + ": cannot read the offsets of group " + group + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }
}
