package lab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.fault.InjectedFault;

/** Short texts of the evidence for the table: verdict counts and what a fault measured. */
final class Describe {

    private Describe() {
    }

    /** The honesty invariant's line: no WRONG window HIGH, or the violations (at most five named). */
    static String honesty(List<String> wrongButHigh) {
        if (wrongButHigh.isEmpty()) {
            return "honest: no WRONG window HIGH";
        }
        return "DISHONEST: %d WRONG window(s) HIGH: %s%s".formatted(wrongButHigh.size(),
                String.join(", ", wrongButHigh.subList(0, Math.min(5, wrongButHigh.size()))), wrongButHigh.size() > 5 ? ", ..." : "");
    }

    /** e.g. "POSTGRES 40 CORRECT, 2 WRONG | MONGODB 42 CORRECT" for the engine's stores (all engines for ALL). */
    static String totals(JsonNode verdict, String engine) {
        List<String> stores = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : verdict.path("totals").properties()) {
            if (!engine.equals(DecisionTable.ALL) && !engine.equals(e.getKey())) {
                continue;
            }
            for (Map.Entry<String, JsonNode> store : e.getValue().properties()) {
                List<String> counts = new ArrayList<>();
                for (String judgement : VerdictReport.JUDGEMENTS) {
                    long n = store.getValue().path(judgement).asLong();
                    if (n > 0) {
                        counts.add(n + " " + judgement);
                    }
                }
                stores.add((engine.equals(DecisionTable.ALL) ? e.getKey() + " " : "") + store.getKey() + " "
                        + (counts.isEmpty() ? "no windows" : String.join(", ", counts)));
            }
        }
        return String.join(" | ", stores);
    }

    /** What the EVENTUAL reads during the CDC pause answered for windows the read model did not hold current. */
    static String eventualReads(Observe.EventualReads r) {
        return "EVENTUAL reads while lagging: %d windows served behind as EVENTUALLY_CONSISTENT, %d answered by POSTGRES with the reason, %d unmarked"
                .formatted(r.behindMarked(), r.fellBack(), r.unmarked());
    }

    /** e.g. "processor-restart 4.2 s (gone_ms=120, healthy_ms=4100)": the fault's duration and its *_ms measures. */
    static String fault(InjectedFault f) {
        List<String> measures = new ArrayList<>();
        f.report().fields().forEach((key, value) -> {
            if (key.endsWith("_ms") || key.startsWith("failed_")) {
                measures.add(key + "=" + value);
            }
        });
        double seconds = (f.endedAt().toEpochMilli() - f.startedAt().toEpochMilli()) / 1000.0;
        Object precondition = f.report().fields().get("precondition");
        return "%s%s %.1f s (%s)%s".formatted(f.fault(), f.target() == null ? "" : " " + f.target(), seconds,
                String.join(", ", measures), precondition == null ? "" : ", injected once " + precondition);
    }
}
