package lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The published specification agrees with the code it describes. */
class SpecDocumentTest {

    private static final Path ROOT = Path.of(System.getProperty("lab.root", "../..")).toAbsolutePath().normalize();
    private static final Path RULES_TEST = ROOT.resolve("src/test/java/consistency/decision/DecisionRulesTest.java");
    private static final Pattern TEST_LINK =
            Pattern.compile("\\[`(\\w+)`]\\(\\.\\./src/test/java/consistency/decision/DecisionRulesTest\\.java\\)");
    private static final Pattern KIND = Pattern.compile("`([A-Z][A-Z_]+)`");

    private static String spec() throws IOException {
        return Files.readString(ROOT.resolve(SpecDocument.PATH));
    }

    @Test
    void theDecisionTableSectionIsTheRenderingOfTheCases() throws IOException {
        String spec = spec();
        assertEquals(SpecDocument.withDecisionTable(spec), spec,
                SpecDocument.PATH + " differs from DecisionTable.java: run ./lab spec");
    }

    @Test
    void everyCaseAndRowIsRendered() {
        String table = SpecDocument.decisionTable();
        for (Case c : DecisionTable.cases()) {
            assertTrue(table.contains("`" + c.quickRun() + "`"), c.id());
            assertTrue(table.contains("`" + c.fullRun() + "`"), c.id());
        }
        long rows = DecisionTable.cases().stream().mapToLong(c -> c.rows().size()).sum();
        assertEquals(rows, table.lines().filter(l -> l.startsWith("| `")).count() - DecisionTable.cases().size());
        assertTrue(table.contains("`processor-restart --reemit` once 30 % of the run's events are sent"));
        assertTrue(table.contains("`cdc-pause both --for 8s` (full run: `cdc-pause both --for 20s`) once 20 %"));
    }

    /**
     * Every decision kind has a row in the spec's decision rules, and every row links tests of DecisionRulesTest that
     * exist and assert the row's kinds.
     */
    @Test
    void everyDecisionRuleLinksTestsThatAssertIt() throws IOException {
        String spec = spec();
        int begin = spec.indexOf("<!-- decision-rules:begin -->");
        int end = spec.indexOf("<!-- decision-rules:end -->");
        assertTrue(begin >= 0 && end > begin, "the decision rules lie between decision-rules markers");
        String tests = Files.readString(RULES_TEST);
        Set<String> covered = new HashSet<>();
        List<String> rows = spec.substring(begin, end).lines().filter(l -> l.startsWith("| ") && !l.startsWith("| situation"))
                .toList();
        assertFalse(rows.isEmpty());
        for (String row : rows) {
            List<String> bodies = new ArrayList<>();
            Matcher link = TEST_LINK.matcher(row);
            while (link.find()) {
                bodies.add(body(tests, link.group(1)));
            }
            assertFalse(bodies.isEmpty(), "no test linked: " + row);
            Matcher kind = KIND.matcher(row.split("\\|")[2]);
            assertTrue(kind.find(), "no decision kind in the second column: " + row);
            do {
                String k = kind.group(1);
                covered.add(k);
                assertTrue(bodies.stream().anyMatch(b -> b.contains("DecisionKind." + k)), "no linked test asserts " + k + ": " + row);
            } while (kind.find());
        }
        assertEquals(decisionKinds(), covered);
    }

    /** The body of test method {@code name}: up to the next test. */
    private static String body(String tests, String name) {
        int at = tests.indexOf("void " + name + "()");
        assertTrue(at >= 0, "DecisionRulesTest has no test " + name);
        int next = tests.indexOf("@Test", at);
        return tests.substring(at, next < 0 ? tests.length() : next);
    }

    private static Set<String> decisionKinds() throws IOException {
        Set<String> kinds = new HashSet<>();
        Matcher constant = Pattern.compile("(?m)^ {4}([A-Z_]+)\\(").matcher(
                Files.readString(ROOT.resolve("src/main/java/consistency/decision/DecisionKind.java")));
        while (constant.find()) {
            kinds.add(constant.group(1));
        }
        assertFalse(kinds.isEmpty());
        return kinds;
    }
}
