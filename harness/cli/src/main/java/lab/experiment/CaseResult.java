package lab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import lab.fault.InjectedFault;

/**
 * Everything one case produced: its run as the service reports it, the faults as injected, the decisions, the
 * confidence changes received on the SSE stream, the samples taken while it ran, the settled verdict, and the rows.
 * {@code notRun} says why a case could not run on this stack (then everything else is empty).
 */
record CaseResult(Case kase, String runId, JsonNode run, List<InjectedFault> faults, List<String> faultErrors,
                  List<JsonNode> decisions, List<JsonNode> transitions, List<JsonNode> samples,
                  List<JsonNode> eventualReads, JsonNode verdict, boolean settled, double seconds, List<Row> rows,
                  String notRun) {

    /** One row of the observed table beside the expected one. */
    record Row(Case.Expected expected, Observe.Observed observed, boolean matches, String evidence,
               Observe.Accounting accounting) {
    }

    static CaseResult notRun(Case kase, String why) {
        return new CaseResult(kase, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null,
                false, 0, List.of(), why);
    }
}
