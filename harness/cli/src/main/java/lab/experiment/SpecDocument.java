package lab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lab.stack.LabException;

/**
 * The decision-table section of the published specification, {@value #PATH}: rendered from {@link DecisionTable},
 * the one source of the experiment's cases and expected rows, between {@value #BEGIN} and {@value #END}.
 * {@code ./lab spec} rewrites it; a test fails while the document differs from the rendering.
 */
public final class SpecDocument {

    public static final String PATH = "docs/consistency-spec.md";
    static final String BEGIN = "<!-- decision-table:begin -->";
    static final String END = "<!-- decision-table:end -->";

    private SpecDocument() {
    }

    /** The section's content: the expected rows, then how each case runs. */
    static String decisionTable() {
        List<String> lines = new ArrayList<>();
        lines.add("| case | scenario | processing | PostgreSQL | MongoDB | Elasticsearch | service decision |");
        lines.add("|---|---|---|---|---|---|---|");
        for (Case c : DecisionTable.cases()) {
            for (Case.Expected e : c.rows()) {
                lines.add(row("`" + c.id() + "`", c.scenario(), e.engine(), e.postgres(), e.mongodb(), e.elasticsearch(),
                        e.decision()));
            }
        }
        lines.add("");
        lines.add("| case | fault, once the pipeline is in this state | quick run (`--quick`) | full run |");
        lines.add("|---|---|---|---|");
        for (Case c : DecisionTable.cases()) {
            String faults = c.faults().isEmpty() ? "none"
                    : c.faults().stream().map(SpecDocument::fault).collect(Collectors.joining("; then "));
            lines.add(row("`" + c.id() + "`", faults, "`" + c.quickRun() + "`", "`" + c.fullRun() + "`"));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String fault(Case.FaultStep step) {
        String command = step.fault() + (step.argument() == null ? "" : " " + step.argument());
        String quick = command + options(step.quickOptions());
        String full = command + options(step.fullOptions());
        String named = quick.equals(full) ? "`" + quick + "`" : "`" + quick + "` (full run: `" + full + "`)";
        return named + (step.atSent() == 0 ? " once a window of the run is decided"
                : " once %d %% of the run's events are sent and a window of it is decided".formatted(Math.round(step.atSent() * 100)));
    }

    /** Options as on the command line: a flag with an empty value stands alone. */
    private static String options(Map<String, String> options) {
        return options.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(o -> " " + o.getKey() + (o.getValue().isEmpty() ? "" : " " + o.getValue()))
                .collect(Collectors.joining());
    }

    /** The document with its decision-table section replaced by the rendering. */
    static String withDecisionTable(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new LabException(PATH + " has no section between " + BEGIN + " and " + END);
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + decisionTable() + document.substring(end);
    }

    /** Rewrites the section of the specification under {@code root}; returns whether it changed. */
    public static boolean write(Path root) {
        Path file = root.resolve(PATH);
        try {
            String document = Files.readString(file);
            String rendered = withDecisionTable(document);
            if (rendered.equals(document)) {
                return false;
            }
            Files.writeString(file, rendered);
            return true;
        } catch (IOException e) {
            throw new LabException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }
}
