package lab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.service.ServiceApi;
import lab.stack.LabException;
import lab.stack.Stack;

/**
 * The decision table (docs/consistency-spec.md §11) as an executable experiment on the running stack: every case of the {@link DecisionTable} in turn, then
 * the observed table beside the expected one, totals per store and engine, and a report folder (Markdown, JSON with
 * the full history, HTML with charts).
 */
public final class Experiment {

    /** How the experiment went: the cases, where the report is, and whether every row that ran matched. */
    public record Result(List<CaseResult> cases, Path report, double seconds) {

        public List<CaseResult.Row> rows() {
            return cases.stream().flatMap(c -> c.rows().stream()).toList();
        }

        public long differing() {
            return rows().stream().filter(r -> !r.matches()).count();
        }

        /** Rows of the cases this stack could not run. */
        public int notRunRows() {
            return cases.stream().filter(c -> c.notRun() != null).mapToInt(c -> c.kase().rows().size()).sum();
        }

        public boolean allMatch() {
            return differing() == 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Stack stack;
    private final PrintStream out;
    private final boolean quick;
    private final String base;
    private final boolean remote;

    /**
     * @param base   the service's URL
     * @param remote the service runs elsewhere: the lab's faults cannot reach it, so cases with faults do not run
     */
    public Experiment(Stack stack, PrintStream out, boolean quick, String base, boolean remote) {
        this.stack = stack;
        this.out = out;
        this.quick = quick;
        this.base = base;
        this.remote = remote;
    }

    /** Runs every case against the service and writes the report under $LAB_HOME/reports. */
    public Result run() {
        Instant started = Instant.now();
        long begin = System.nanoTime();
        ServiceApi service = new ServiceApi(base);
        List<Case> cases = DecisionTable.cases();
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            out.printf("%n== experiment [%d/%d] %s (%s) ==%n", i + 1, cases.size(), c.scenario(), quick ? "quick" : "full");
            CaseResult result = remote && !c.faults().isEmpty()
                    ? CaseResult.notRun(c, "its faults act on the lab's own processes, not on a service elsewhere")
                    : new CaseRunner(stack, service, out, quick).run(c);
            if (result.notRun() != null) {
                out.printf("  NOT RUN: %s%n", result.notRun());
            }
            for (CaseResult.Row row : result.rows()) {
                out.printf("  %s %s: %s%n", row.expected().engine(), row.matches() ? "MATCHES" : "DIFFERS", row.evidence());
            }
            results.add(result);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Path folder = stack.config().home().resolve("reports").resolve("experiment-" + FOLDER.format(started));
        Result result = new Result(results, folder, seconds);
        try {
            new ReportFiles(result, quick, started).write(folder);
        } catch (IOException e) {
            throw new LabException("cannot write the report to " + folder + ": " + e.getMessage(), e);
        }
        out.printf("%n== expected (docs/consistency-spec.md §11) ==%n%s", expectedTable(results));
        out.printf("%n== observed ==%n%s", observedTable(results));
        out.printf("%n== windows per engine and store, all cases (oracle verdict) ==%n%s", VerdictReport.totals(totals(results)));
        results.stream().filter(r -> r.notRun() != null)
                .forEach(r -> out.printf("not run: %s: %s%n", r.kase().scenario(), r.notRun()));
        out.printf("%n%d rows, %d MATCH, %d DIFFER; experiment took %.0f s%nreport: %s%n", result.rows().size(),
                result.rows().size() - result.differing(), result.differing(), seconds, folder.resolve("report.html"));
        return result;
    }

    /**
     * The experiment {@code times} times over, every repetition a full pass over the cases with the same seeds; the
     * rows and digests of all repetitions are printed and written beside the last repetition's report.
     */
    public Repetitions repeat(int times) {
        List<Result> results = new ArrayList<>();
        for (int i = 1; i <= times; i++) {
            out.printf("%n==== repetition %d/%d ====%n", i, times);
            results.add(run());
        }
        Repetitions repetitions = new Repetitions(results);
        out.printf("%n%s", repetitions.text());
        try {
            repetitions.write();
        } catch (IOException e) {
            throw new LabException("cannot write the repetitions to " + repetitions.report() + ": " + e.getMessage(), e);
        }
        out.printf("repetitions: %s%n", repetitions.report().resolve("repetitions.md"));
        return repetitions;
    }

    static final List<String> HEADER = List.of("SCENARIO", "ENGINE", "POSTGRESQL", "MONGODB", "ELASTICSEARCH", "SERVICE DECISION");

    static String expectedTable(List<CaseResult> results) {
        List<List<String>> rows = new ArrayList<>(List.of(HEADER));
        for (CaseResult c : results) {
            for (Case.Expected e : c.kase().rows()) {
                rows.add(List.of(c.kase().scenario(), e.engine(), e.postgres(), e.mongodb(), e.elasticsearch(), e.decision()));
            }
        }
        return VerdictReport.table(rows, Set.of());
    }

    static String observedTable(List<CaseResult> results) {
        List<String> header = new ArrayList<>(HEADER);
        header.add("RESULT");
        List<List<String>> rows = new ArrayList<>(List.of(header));
        for (CaseResult c : results) {
            if (c.notRun() != null) {
                for (Case.Expected e : c.kase().rows()) {
                    rows.add(List.of(c.kase().scenario(), e.engine(), "-", "-", "-", "-", "NOT RUN"));
                }
            }
            for (CaseResult.Row r : c.rows()) {
                Observe.Observed o = r.observed();
                rows.add(List.of(c.kase().scenario(), r.expected().engine(), o.postgres(), o.mongodb(), o.elasticsearch(),
                        o.decision(), r.matches() ? "MATCHES" : "DIFFERS"));
            }
        }
        return VerdictReport.table(rows, Set.of());
    }

    /** The verdict totals of every case summed per engine and store, in the verdict's shape. */
    static JsonNode totals(List<CaseResult> results) {
        ObjectNode sum = JSON.createObjectNode();
        ObjectNode totals = sum.putObject("totals");
        for (CaseResult c : results) {
            if (c.verdict() == null) {
                continue;
            }
            for (Map.Entry<String, JsonNode> engine : c.verdict().path("totals").properties()) {
                ObjectNode e = totals.has(engine.getKey()) ? (ObjectNode) totals.get(engine.getKey()) : totals.putObject(engine.getKey());
                for (Map.Entry<String, JsonNode> store : engine.getValue().properties()) {
                    ObjectNode s = e.has(store.getKey()) ? (ObjectNode) e.get(store.getKey()) : e.putObject(store.getKey());
                    for (String j : VerdictReport.JUDGEMENTS) {
                        s.put(j, s.path(j).asLong() + store.getValue().path(j).asLong());
                    }
                }
            }
        }
        return sum;
    }
}
