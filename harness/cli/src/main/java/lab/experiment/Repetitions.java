package lab.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The same experiment run several times (same seeds): every row's outcome per repetition, and per case a digest of
 * each repetition's window verdicts. A verdict is a property of the data and the fault, never of timing, so every
 * row must match the expected table in every repetition and Flink's digests must be equal. Kafka-only windows a
 * restart damaged may differ run to run; there every WRONG window must instead be LOW in every store holding it.
 */
public final class Repetitions {

    static final String AGREES = "AGREES";
    static final String DIFFERS = "DIFFERS";
    static final String MATCHES = "MATCHES";
    static final String NOT_RUN = "NOT RUN";
    /** Windows WRONG but not LOW named in a result; the rest are counted. */
    static final int SHOWN = 3;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One row of the table: its expected values and, per repetition, MATCHES or what was observed instead. */
    record RowLine(String scenario, String engine, String expected, List<String> repetitions, String result) {
    }

    /** One engine of one case: the digest of each repetition and whether they pass the engine's rule. */
    record DigestLine(@JsonProperty("case_id") String caseId, String engine, List<String> digests, boolean ok, String result) {
    }

    private final List<Experiment.Result> results;

    Repetitions(List<Experiment.Result> results) {
        this.results = List.copyOf(results);
    }

    public List<Experiment.Result> results() {
        return results;
    }

    /** The last repetition's report folder, where the summary goes. */
    public Path report() {
        return results.getLast().report();
    }

    /** Every row matched in every repetition, and every case's digests pass their engine's rule. */
    public boolean ok() {
        return rows().stream().noneMatch(r -> r.result().equals(DIFFERS)) && digests().stream().allMatch(DigestLine::ok);
    }

    List<RowLine> rows() {
        List<RowLine> lines = new ArrayList<>();
        List<CaseResult> first = results.getFirst().cases();
        for (int c = 0; c < first.size(); c++) {
            Case kase = first.get(c).kase();
            for (int r = 0; r < kase.rows().size(); r++) {
                Case.Expected e = kase.rows().get(r);
                List<String> cells = new ArrayList<>();
                for (Experiment.Result rep : results) {
                    cells.add(cell(rep.cases().get(c), r));
                }
                String result = cells.stream().allMatch(MATCHES::equals) ? AGREES
                        : cells.stream().allMatch(NOT_RUN::equals) ? NOT_RUN : DIFFERS;
                lines.add(new RowLine(kase.scenario(), e.engine(),
                        compact(e.postgres(), e.mongodb(), e.elasticsearch(), e.decision()), cells, result));
            }
        }
        return lines;
    }

    private static String cell(CaseResult c, int row) {
        if (c.notRun() != null) {
            return NOT_RUN;
        }
        CaseResult.Row r = c.rows().get(row);
        Observe.Observed o = r.observed();
        return r.matches() ? MATCHES : DIFFERS + ": " + compact(o.postgres(), o.mongodb(), o.elasticsearch(), o.decision());
    }

    private static String compact(String postgres, String mongodb, String elasticsearch, String decision) {
        return String.join(" / ", postgres, mongodb, elasticsearch, decision);
    }

    List<DigestLine> digests() {
        List<DigestLine> lines = new ArrayList<>();
        List<CaseResult> first = results.getFirst().cases();
        for (int c = 0; c < first.size(); c++) {
            int index = c;
            List<JsonNode> verdicts = results.stream().map(rep -> rep.cases().get(index).verdict()).toList();
            for (String engine : List.of(DecisionTable.KAFKA_ONLY, DecisionTable.FLINK)) {
                if (verdicts.stream().allMatch(v -> v == null || VerdictDigest.lines(v, engine).isEmpty())) {
                    continue;
                }
                List<String> digests = verdicts.stream().map(v -> VerdictDigest.of(v, engine)).toList();
                lines.add(engine.equals(DecisionTable.FLINK)
                        ? flink(first.get(c).kase().id(), digests, verdicts)
                        : kafkaOnly(first.get(c).kase().id(), digests, verdicts));
            }
        }
        return lines;
    }

    private static DigestLine flink(String caseId, List<String> digests, List<JsonNode> verdicts) {
        boolean same = digests.stream().distinct().count() == 1 && !digests.getFirst().equals(VerdictDigest.NONE);
        return new DigestLine(caseId, DecisionTable.FLINK, digests, same,
                same ? AGREES : DIFFERS + ": " + firstDifference(verdicts));
    }

    /** Where the first repetition that differs from the first one departs from it: the digest's lines side by side. */
    private static String firstDifference(List<JsonNode> verdicts) {
        List<String> base = verdicts.getFirst() == null ? List.of() : VerdictDigest.lines(verdicts.getFirst(), DecisionTable.FLINK);
        for (int r = 1; r < verdicts.size(); r++) {
            List<String> other = verdicts.get(r) == null ? List.of() : VerdictDigest.lines(verdicts.get(r), DecisionTable.FLINK);
            for (int i = 0; i < Math.max(base.size(), other.size()); i++) {
                String a = i < base.size() ? base.get(i) : "(no line)";
                String b = i < other.size() ? other.get(i) : "(no line)";
                if (!a.equals(b)) {
                    return "rep1 " + a + " | rep" + (r + 1) + " " + b;
                }
            }
        }
        return "no repetition ran";
    }

    private static DigestLine kafkaOnly(String caseId, List<String> digests, List<JsonNode> verdicts) {
        List<String> notLow = new ArrayList<>();
        IntStream.range(0, verdicts.size()).forEach(i -> VerdictDigest.wrongNotLow(verdicts.get(i), DecisionTable.KAFKA_ONLY)
                .forEach(w -> notLow.add("rep" + (i + 1) + " " + w)));
        String shown = String.join(", ", notLow.subList(0, Math.min(SHOWN, notLow.size())))
                + (notLow.size() > SHOWN ? ", ..." : "");
        return new DigestLine(caseId, DecisionTable.KAFKA_ONLY, digests, notLow.isEmpty(),
                notLow.isEmpty() ? "every WRONG window LOW" : notLow.size() + " WRONG but not LOW: " + shown);
    }

    /** Both tables as printed. */
    public String text() {
        List<List<String>> rows = new ArrayList<>(List.of(line(List.of("SCENARIO", "ENGINE", "EXPECTED"), repHeaders(), "RESULT")));
        rows().forEach(r -> rows.add(line(List.of(r.scenario(), r.engine(), r.expected()), r.repetitions(), r.result())));
        List<List<String>> digests = new ArrayList<>(List.of(line(List.of("CASE", "ENGINE"), repHeaders(), "RESULT")));
        digests().forEach(d -> digests.add(line(List.of(d.caseId(), d.engine()), d.digests(), d.result())));
        return "== rows per repetition (expected: PostgreSQL / MongoDB / Elasticsearch / service decision) ==\n"
                + VerdictReport.table(rows, Set.of())
                + "\n== window verdict digests per repetition (FLINK must agree; KAFKA_ONLY: WRONG only when LOW) ==\n"
                + VerdictReport.table(digests, Set.of())
                + "\n%d repetitions: %s%n".formatted(results.size(), ok() ? "every row matches and the digests agree"
                : "the repetitions DIFFER");
    }

    private List<String> repHeaders() {
        return IntStream.rangeClosed(1, results.size()).mapToObj(i -> "REP" + i).toList();
    }

    private static List<String> line(List<String> lead, List<String> cells, String last) {
        List<String> line = new ArrayList<>(lead);
        line.addAll(cells);
        line.add(last);
        return line;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# The decision table, repeated\n\n");
        md.append("%d repetitions with the same seeds: %s.\n\n".formatted(results.size(),
                ok() ? "every row matches in every repetition and the digests agree" : "the repetitions DIFFER"));
        md.append("| scenario | engine | expected |");
        IntStream.rangeClosed(1, results.size()).forEach(i -> md.append(" rep ").append(i).append(" |"));
        md.append(" result |\n|---|---|---|").append("---|".repeat(results.size() + 1)).append('\n');
        rows().forEach(r -> md.append("| %s | %s | %s | %s | %s |\n".formatted(r.scenario(), r.engine(), r.expected(),
                String.join(" | ", r.repetitions()), r.result())));
        md.append("\n## Window verdict digests\n\nSHA-256 of every window's engine, key and window (relative to the run),"
                + " store, verdict and confidence. FLINK must agree; KAFKA_ONLY windows a restart damaged may differ,"
                + " but every WRONG one must be LOW in every store.\n\n| case | engine |");
        IntStream.rangeClosed(1, results.size()).forEach(i -> md.append(" rep ").append(i).append(" |"));
        md.append(" result |\n|---|---|").append("---|".repeat(results.size() + 1)).append('\n');
        digests().forEach(d -> md.append("| %s | %s | %s | %s |\n".formatted(d.caseId(), d.engine(),
                String.join(" | ", d.digests()), d.result())));
        md.append("\nReports of the repetitions:\n\n");
        results.forEach(r -> md.append("- ").append(r.report().resolve("report.md")).append('\n'));
        return md.toString();
    }

    JsonNode json() {
        ObjectNode root = JSON.createObjectNode().put("repetitions", results.size()).put("ok", ok());
        ArrayNode reports = root.putArray("reports");
        results.forEach(r -> reports.add(r.report().toString()));
        ArrayNode rows = root.putArray("rows");
        rows().forEach(r -> rows.add(JSON.valueToTree(r)));
        ArrayNode digests = root.putArray("digests");
        digests().forEach(d -> digests.add(JSON.valueToTree(d)));
        return root;
    }

    /** repetitions.md and repetitions.json in the last repetition's report folder. */
    void write() throws IOException {
        Files.createDirectories(report());
        Files.writeString(report().resolve("repetitions.md"), markdown());
        Files.writeString(report().resolve("repetitions.json"), JSON.writeValueAsString(json()));
    }
}
