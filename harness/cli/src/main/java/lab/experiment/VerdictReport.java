package lab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A run's verdict (GET /api/runs/{id}/verdict) as text: counts per engine and store, then the windows that are not CORRECT. */
final class VerdictReport {

    static final List<String> JUDGEMENTS = List.of("CORRECT", "LAGGING", "WRONG", "MISSING");
    static final int MAX_WINDOWS = 20;

    private VerdictReport() {
    }

    /** ENGINE x STORE rows with a column per judgement. */
    static String totals(JsonNode verdict) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("ENGINE", "STORE"));
        header.addAll(JUDGEMENTS);
        rows.add(header);
        for (Map.Entry<String, JsonNode> engine : verdict.path("totals").properties()) {
            for (Map.Entry<String, JsonNode> store : engine.getValue().properties()) {
                List<String> row = new ArrayList<>(List.of(engine.getKey(), store.getKey()));
                JUDGEMENTS.forEach(j -> row.add(Long.toString(store.getValue().path(j).asLong(0))));
                rows.add(row);
            }
        }
        return rows.size() == 1 ? "  (no engine or store in the verdict yet)\n" : table(rows, Set.of(2, 3, 4, 5));
    }

    /** One row per window and store whose verdict is not CORRECT, at most MAX_WINDOWS. */
    static String notCorrect(JsonNode verdict) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("BUSINESS_KEY", "WINDOW_START", "ENGINE", "STORE", "EXPECTED", "STORED", "CONFIDENCE", "VERDICT"));
        int total = 0;
        for (JsonNode window : verdict.path("windows")) {
            for (Map.Entry<String, JsonNode> store : window.path("stores").properties()) {
                JsonNode s = store.getValue();
                if ("CORRECT".equals(s.path("verdict").asText())) {
                    continue;
                }
                total++;
                if (rows.size() <= MAX_WINDOWS) {
                    rows.add(List.of(window.path("business_key").asText(), window.path("window_start").asText(),
                            window.path("engine").asText(), store.getKey(), value(window.path("expected")),
                            value(s.path("value")), value(s.path("confidence")), s.path("verdict").asText()));
                }
            }
        }
        if (total == 0) {
            return "  every window is CORRECT\n";
        }
        String more = total > MAX_WINDOWS ? "  ... and " + (total - MAX_WINDOWS) + " more\n" : "";
        return table(rows, Set.of(4, 5)) + more;
    }

    /** A business key of the run to point the reader at: the first window not CORRECT, else the first window. */
    static String sampleKey(JsonNode verdict) {
        String first = null;
        for (JsonNode window : verdict.path("windows")) {
            String key = window.path("business_key").asText(null);
            if (first == null) {
                first = key;
            }
            for (JsonNode s : window.path("stores")) {
                if (!"CORRECT".equals(s.path("verdict").asText())) {
                    return key;
                }
            }
        }
        return first;
    }

    /** The counts summed over engines and stores, e.g. "CORRECT 40, LAGGING 0, WRONG 2, MISSING 3". */
    static String summary(JsonNode verdict) {
        long[] sums = new long[JUDGEMENTS.size()];
        for (JsonNode engine : verdict.path("totals")) {
            for (JsonNode store : engine) {
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += store.path(JUDGEMENTS.get(i)).asLong(0);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < sums.length; i++) {
            parts.add(JUDGEMENTS.get(i) + " " + sums[i]);
        }
        return String.join(", ", parts);
    }

    private static String value(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "-" : node.asText();
    }

    /** Columns padded to their widest cell; the columns in rightAligned (numbers) are right-aligned. */
    static String table(List<List<String>> rows, Set<Integer> rightAligned) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        rows.forEach(r -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                String align = rightAligned.contains(i) ? "" : "-";
                line.append(String.format("%" + align + widths[i] + "s  ", r.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
