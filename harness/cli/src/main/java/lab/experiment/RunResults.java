package lab.experiment;

import java.util.Map;
import java.util.TreeMap;
import lab.kafka.Tap;
import org.apache.kafka.common.TopicPartition;

/**
 * One run's results on lab.results as the broker holds them, counted per engine: committed (what the decision layer
 * can read) and written (open transactions included). Read from the offsets the topic had when the run started.
 */
final class RunResults implements AutoCloseable {

    private final String runId;
    private final Tap committedTap;
    private final Tap writtenTap;
    private final Map<String, Long> committed = new TreeMap<>();
    private final Map<String, Long> written = new TreeMap<>();

    RunResults(String bootstrap, Map<TopicPartition, Long> from, String runId) {
        this.runId = runId;
        this.committedTap = new Tap(bootstrap, from, true);
        this.writtenTap = new Tap(bootstrap, from, false);
    }

    /** Committed results of the run so far, per engine. */
    Map<String, Long> committed() {
        count(committedTap, committed);
        return committed;
    }

    /** Written results of the run so far, per engine, committed or not. */
    Map<String, Long> written() {
        count(writtenTap, written);
        return written;
    }

    private void count(Tap tap, Map<String, Long> counts) {
        for (Tap.Record r : tap.drain()) {
            if (runId.equals(r.value().path("run_id").asText())) {
                counts.merge(r.value().path("processing_engine").asText(), 1L, Long::sum);
            }
        }
    }

    @Override
    public void close() {
        committedTap.close();
        writtenTap.close();
    }
}
