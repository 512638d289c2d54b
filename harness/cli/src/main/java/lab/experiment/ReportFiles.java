package lab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import lab.fault.InjectedFault;

/**
 * The experiment's report folder: report.md (the tables and the evidence), report.json (the full history of every
 * case: run, faults, decisions, confidence changes, samples, verdict) and report.html (the tables and ECharts charts,
 * with echarts.min.js copied beside it from the library's jar, so the page works offline).
 */
final class ReportFiles {

    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The page around the table and the charts (resource report.html beside this class). */
    private static final String PAGE = page();

    private static String page() {
        try (InputStream page = ReportFiles.class.getResourceAsStream("report.html")) {
            if (page == null) {
                throw new IllegalStateException("the report page template report.html is missing from the jar");
            }
            return new String(page.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the report page template: " + e.getMessage(), e);
        }
    }

    private final Experiment.Result result;
    private final boolean quick;
    private final Instant started;

    ReportFiles(Experiment.Result result, boolean quick, Instant started) {
        this.result = result;
        this.quick = quick;
        this.started = started;
    }

    void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        JsonNode history = history();
        Files.writeString(folder.resolve("report.json"), JSON.writeValueAsString(history));
        Files.writeString(folder.resolve("report.md"), markdown());
        Files.writeString(folder.resolve("report.html"), html(history));
        try (InputStream echarts = ReportFiles.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (echarts == null) {
                throw new IOException("ECharts is not on the classpath (" + ECHARTS + ")");
            }
            Files.copy(echarts, folder.resolve("echarts.min.js"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Everything the experiment saw, case by case. */
    JsonNode history() {
        ObjectNode root = JSON.createObjectNode()
                .put("started_at", started.toString())
                .put("mode", quick ? "quick" : "full")
                .put("seconds", Math.round(result.seconds()))
                .put("rows", result.rows().size())
                .put("differing", result.differing());
        root.set("totals", Experiment.totals(result.cases()).path("totals"));
        ArrayNode cases = root.putArray("cases");
        for (CaseResult c : result.cases()) {
            ObjectNode n = cases.addObject().put("id", c.kase().id()).put("scenario", c.kase().scenario())
                    .put("run_id", c.runId()).put("not_run", c.notRun()).put("settled", c.settled())
                    .put("seconds", Math.round(c.seconds()));
            n.set("run", c.run());
            ArrayNode faults = n.putArray("faults");
            for (InjectedFault f : c.faults()) {
                ObjectNode fault = faults.addObject().put("fault", f.fault()).put("target", f.target())
                        .put("started_at", f.startedAt().toString()).put("ended_at", f.endedAt().toString());
                fault.set("report", JSON.valueToTree(f.report().fields()));
            }
            n.set("fault_errors", JSON.valueToTree(c.faultErrors()));
            ArrayNode rows = n.putArray("rows");
            for (CaseResult.Row r : c.rows()) {
                ObjectNode row = rows.addObject();
                row.set("expected", JSON.valueToTree(r.expected()));
                row.set("observed", JSON.valueToTree(r.observed()));
                row.put("result", r.matches() ? "MATCHES" : "DIFFERS").put("evidence", r.evidence());
                if (r.accounting() != null) {
                    row.putObject("events").put("expected", r.accounting().expected())
                            .put("accounted", r.accounting().accounted()).put("windows_off", r.accounting().windowsOff());
                }
            }
            n.set("verdict", c.verdict());
            n.set("decisions", JSON.valueToTree(c.decisions()));
            n.set("confidence_transitions", JSON.valueToTree(c.transitions()));
            n.set("samples", JSON.valueToTree(c.samples()));
            n.set("eventual_reads", JSON.valueToTree(c.eventualReads()));
        }
        return root;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Consistency decision table, observed\n\n");
        md.append("Started %s, %s experiment, %.0f s; %d rows, %d differ.\n\n".formatted(started, quick ? "quick" : "full",
                result.seconds(), result.rows().size(), result.differing()));
        md.append("| scenario | engine | PostgreSQL | MongoDB | Elasticsearch | service decision | result |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (CaseResult c : result.cases()) {
            if (c.notRun() != null) {
                md.append("| %s | %s | | | | | NOT RUN: %s |\n".formatted(c.kase().scenario(),
                        String.join(", ", c.kase().rows().stream().map(Case.Expected::engine).toList()), c.notRun()));
            }
            for (CaseResult.Row r : c.rows()) {
                Case.Expected e = r.expected();
                Observe.Observed o = r.observed();
                md.append("| %s | %s | %s | %s | %s | %s | %s |\n".formatted(c.kase().scenario(), e.engine(),
                        cell(e.postgres(), o.postgres()), cell(e.mongodb(), o.mongodb()),
                        cell(e.elasticsearch(), o.elasticsearch()), cell(e.decision(), o.decision()),
                        r.matches() ? "MATCHES" : "**DIFFERS**"));
            }
        }
        md.append("\nA cell shows the observed value; where it differs from the expected one, that follows in brackets.\n");
        md.append("\n## Windows per engine and store (oracle verdict, all cases)\n\n```\n")
                .append(VerdictReport.totals(Experiment.totals(result.cases()))).append("```\n");
        md.append("\n## Evidence\n");
        for (CaseResult c : result.cases()) {
            md.append("\n### %s%s\n\n".formatted(c.kase().scenario(), c.runId() == null ? "" : " (run " + c.runId() + ")"));
            for (CaseResult.Row r : c.rows()) {
                md.append("- **%s**: %s\n".formatted(r.expected().engine(), r.evidence()));
            }
            for (InjectedFault f : c.faults()) {
                md.append("- fault `%s`: %s to %s, %s\n".formatted(f.fault(), f.startedAt(), f.endedAt(), f.report().json()));
            }
            c.faultErrors().forEach(err -> md.append("- problem: ").append(err).append('\n'));
        }
        return md.toString();
    }

    private static String cell(String expected, String observed) {
        return observed.equals(expected) ? observed : observed + " [expected: " + expected + "]";
    }

    String html(JsonNode history) throws IOException {
        ObjectNode data = JSON.createObjectNode();
        data.set("totals", history.path("totals"));
        ArrayNode cases = data.putArray("cases");
        for (JsonNode c : history.path("cases")) {
            ObjectNode n = cases.addObject().put("scenario", c.path("scenario").asText()).put("run_id", c.path("run_id").asText());
            n.set("faults", c.path("faults"));
            n.set("samples", c.path("samples"));
            n.set("transitions", c.path("confidence_transitions"));
        }
        String json = new ObjectMapper().writeValueAsString(data).replace("</", "<\\/");
        return PAGE.replace("@TITLE@", "Consistency decision table, observed (" + (quick ? "quick" : "full") + ")")
                .replace("@SUMMARY@", escape("Started %s; %d rows, %d differ; %.0f s.".formatted(started,
                        result.rows().size(), result.differing(), result.seconds())))
                .replace("@TABLE@", htmlTable())
                .replace("@DATA@", json);
    }

    private String htmlTable() {
        StringBuilder t = new StringBuilder("<table><tr>");
        List.of("scenario", "engine", "PostgreSQL", "MongoDB", "Elasticsearch", "service decision", "result", "evidence")
                .forEach(h -> t.append("<th>").append(h).append("</th>"));
        t.append("</tr>\n");
        for (CaseResult c : result.cases()) {
            if (c.notRun() != null) {
                t.append("<tr><td>").append(escape(c.kase().scenario())).append("</td><td colspan=\"7\">NOT RUN: ")
                        .append(escape(c.notRun())).append("</td></tr>\n");
            }
            for (CaseResult.Row r : c.rows()) {
                Case.Expected e = r.expected();
                Observe.Observed o = r.observed();
                t.append("<tr class=\"").append(r.matches() ? "ok" : "differs").append("\"><td>")
                        .append(escape(c.kase().scenario())).append("</td><td>").append(e.engine()).append("</td>");
                for (String[] pair : new String[][] {{e.postgres(), o.postgres()}, {e.mongodb(), o.mongodb()},
                        {e.elasticsearch(), o.elasticsearch()}, {e.decision(), o.decision()}}) {
                    t.append("<td>").append(escape(cell(pair[0], pair[1]))).append("</td>");
                }
                t.append("<td>").append(r.matches() ? "MATCHES" : "DIFFERS").append("</td><td class=\"evidence\">")
                        .append(escape(r.evidence())).append("</td></tr>\n");
            }
        }
        return t.append("</table>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
