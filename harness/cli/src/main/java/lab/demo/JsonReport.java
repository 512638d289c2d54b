package lab.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders any JSON as indented "key: value" lines; arrays of flat objects become tables. */
public final class JsonReport {
    private JsonReport() {
    }

    public static String render(JsonNode node) {
        StringBuilder out = new StringBuilder();
        render(node, "", out);
        return out.toString();
    }

    private static void render(JsonNode node, String indent, StringBuilder out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                if (inline(value)) {
                    out.append(indent).append(field.getKey()).append(": ").append(text(value)).append('\n');
                } else {
                    out.append(indent).append(field.getKey()).append(":\n");
                    render(value, indent + "  ", out);
                }
            }
        } else if (flatObjects(node)) {
            table(node, indent, out);
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                out.append(indent).append("-\n");
                render(element, indent + "  ", out);
            }
        } else {
            out.append(indent).append(text(node)).append('\n');
        }
    }

    private static boolean inline(JsonNode node) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isContainerNode()) {
                    return false;
                }
            }
            return true;
        }
        return node.isValueNode();
    }

    private static boolean flatObjects(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return false;
        }
        for (JsonNode element : node) {
            if (!element.isObject()) {
                return false;
            }
            for (JsonNode value : element) {
                if (value.isContainerNode()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void table(JsonNode rows, String indent, StringBuilder out) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> row.fieldNames().forEachRemaining(columns::add));
        List<String> names = new ArrayList<>(columns);
        int[] widths = names.stream().mapToInt(String::length).toArray();
        for (JsonNode row : rows) {
            for (int i = 0; i < names.size(); i++) {
                widths[i] = Math.max(widths[i], cell(row, names.get(i)).length());
            }
        }
        appendRow(out, indent, widths, names);
        for (JsonNode row : rows) {
            appendRow(out, indent, widths, names.stream().map(name -> cell(row, name)).toList());
        }
    }

    private static void appendRow(StringBuilder out, String indent, int[] widths, List<String> cells) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            line.append(String.format("%-" + widths[i] + "s  ", cells.get(i)));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String cell(JsonNode row, String column) {
        return row.has(column) ? text(row.get(column)) : "";
    }

    private static String text(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(element -> items.add(text(element)));
            return "[" + String.join(", ", items) + "]";
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }
}
