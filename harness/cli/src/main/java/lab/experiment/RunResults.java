package lab.experiment;

import java.util.Map;
import lab.kafka.Tap;
import org.apache.kafka.common.TopicPartition;

/**
 * One run's committed results on lab.results (what the decision layer can read), counted as the broker holds them,
 * from the offsets the topic had when the run started.
 */
final class RunResults implements AutoCloseable {

    private final String runId;
    private final Tap tap;
    private long committed;

    RunResults(String bootstrap, Map<TopicPartition, Long> from, String runId) {
        this.runId = runId;
        this.tap = new Tap(bootstrap, from, true);
    }

    /** Committed results of the run so far, of every engine. */
    long committed() {
        committed += tap.drain().stream().filter(r -> runId.equals(r.value().path("run_id").asText())).count();
        return committed;
    }

    @Override
    public void close() {
        tap.close();
    }
}
