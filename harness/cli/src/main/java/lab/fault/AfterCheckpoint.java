package lab.fault;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.components.Kafka;
import lab.kafka.Tap;
import lab.kafka.Topics;
import lab.stack.LabException;
import lab.stack.Sleep;
import lab.stack.Stack;
import org.apache.kafka.common.TopicPartition;

/**
 * A Flink fault with {@value #OPTION}: injected only once its effect on the output is certain. Since the fault was
 * asked for, a checkpoint has committed Flink results on lab.results and more have been written after it, in the open
 * transaction: the fault then strikes a job whose recovery must abort that transaction and emit those results again
 * from the checkpoint's state. Without the option the fault strikes at once. The counts are the evidence.
 */
final class AfterCheckpoint implements Fault {

    static final String OPTION = "--after-checkpoint";
    private static final String RESULTS = "lab.results";
    private static final String FLINK = "FLINK";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Fault fault;

    AfterCheckpoint(Fault fault) {
        this.fault = fault;
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
        options.put(OPTION, "wait until a checkpoint has committed Flink results written since the fault was asked"
                + " for and more were written after it, in the open transaction");
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
        String evidence = awaitOutputInFlight(stack);
        out.printf("%s: %s%n", name(), evidence);
        return fault.inject(stack, out, options).with("precondition", evidence);
    }

    private String awaitOutputInFlight(Stack stack) {
        String bootstrap = ((Kafka) stack.component("kafka")).endpoint();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Topics topics = new Topics(bootstrap)) {
            Map<TopicPartition, Long> from = topics.ends(RESULTS);
            try (Tap committedTap = new Tap(bootstrap, from, true); Tap writtenTap = new Tap(bootstrap, from, false)) {
                long committed = 0;
                long written = 0;
                while (System.nanoTime() < deadline) {
                    // Written first: a record counted as committed has then been counted as written too.
                    written += flinkResults(writtenTap);
                    committed += flinkResults(committedTap);
                    if (committed > 0 && written > committed) {
                        return "%d Flink results committed by a checkpoint since the fault was asked for, %d written after it in the open transaction"
                                .formatted(committed, written - committed);
                    }
                    Sleep.millis(200);
                }
                throw new LabException("%s %s: within %d s no checkpoint committed Flink results followed by more "
                        + "(%d committed, %d written); is the job consuming a run?"
                        .formatted(name(), OPTION, WAIT.toSeconds(), committed, written));
            }
        }
    }

    private static long flinkResults(Tap tap) {
        return tap.drain().stream().filter(r -> FLINK.equals(r.value().path("processing_engine").asText())).count();
    }
}
