package lab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one rule for when a run's outcome is final, from the pipeline's state only (no quiet period, so load cannot
 * end a wait early):
 * <ol>
 *   <li>the run has sent everything (its closing progress marks included);</li>
 *   <li>every engine's consumer group has committed {@code lab.events} up to its end after the run, so each engine
 *       has processed the closing marks, fired every window, and (Flink) committed the checkpoint holding them;</li>
 *   <li>no transaction is open on {@code lab.results}: nothing emitted waits for a commit;</li>
 *   <li>every committed result of the run on {@code lab.results} has its decision (one each);</li>
 *   <li>no window is MISSING or LAGGING in any store: the read models have applied every version.</li>
 * </ol>
 * {@link #LIMIT} bounds the wait; reaching it is reported, never hidden.
 */
final class Settle {

    static final Duration LIMIT = Duration.ofSeconds(180);

    /**
     * @param groupsBehind     per engine consumer group, records of lab.events it has not committed past
     * @param openTransactions partitions of lab.results with an open transaction
     * @param results          committed results of the run on lab.results
     * @param decisions        decisions logged for the run
     * @param pendingWindows   windows MISSING or LAGGING in some store
     */
    record State(boolean sent, Map<String, Long> groupsBehind, List<Integer> openTransactions, long results,
                 long decisions, int pendingWindows) {
    }

    private Settle() {
    }

    /** What the run still waits for; empty once it has settled. */
    static List<String> waitingFor(State s) {
        List<String> waiting = new ArrayList<>();
        if (!s.sent()) {
            waiting.add("the run to be sent");
        }
        s.groupsBehind().forEach((group, behind) -> {
            if (behind > 0) {
                waiting.add(group + " to commit " + behind + " more record(s) of lab.events");
            }
        });
        if (!s.openTransactions().isEmpty()) {
            waiting.add("open transactions on lab.results partitions " + s.openTransactions());
        }
        if (s.decisions() < s.results()) {
            waiting.add((s.results() - s.decisions()) + " committed result(s) to be decided");
        }
        if (s.pendingWindows() > 0) {
            waiting.add(s.pendingWindows() + " window(s) missing or lagging in a store");
        }
        return waiting;
    }

    /** Windows MISSING or LAGGING in any store. */
    static int pending(JsonNode verdict) {
        int pending = 0;
        for (JsonNode window : verdict.path("windows")) {
            for (JsonNode store : window.path("stores")) {
                String judgement = store.path("verdict").asText();
                if (judgement.equals("MISSING") || judgement.equals("LAGGING")) {
                    pending++;
                    break;
                }
            }
        }
        return pending;
    }
}
