package lab.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * `lab test --its`: some of the service's integration tests run again and again on one test stack, each time
 * through the same Maven build as the full test, without retries; the tally of what passed.
 */
final class Soak {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> its;
    private final int repetitions;
    private final boolean load;
    private final List<Boolean> passed = new ArrayList<>();
    /** Test class to the number of repetitions it failed in. */
    private final Map<String, Integer> failures = new TreeMap<>();

    Soak(List<String> its, int repetitions, boolean load) {
        this.its = List.copyOf(its);
        this.repetitions = repetitions;
        this.load = load;
    }

    /**
     * The service's Maven run narrowed to these integration tests: failsafe runs only them, surefire's unit tests
     * none (they do not change between repetitions).
     */
    static String[] mavenArgs(String[] serviceArgs, List<String> its) {
        List<String> args = new ArrayList<>(List.of(serviceArgs));
        args.addAll(List.of("-Dit.test=" + String.join(",", its), "-Dtest=skip", "-Dsurefire.failIfNoSpecifiedTests=false"));
        return args.toArray(String[]::new);
    }

    /** The simple class name in a JUnit report's file name, TEST-consistency.decision.FlinkPipelineIT.xml. */
    static String testClass(String reportFileName) {
        String name = reportFileName.replaceFirst("^TEST-", "").replaceFirst("\\.xml$", "");
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Records the next repetition, with the test classes that failed in it, and returns its line. */
    String add(boolean ok, double seconds, List<String> failed) {
        passed.add(ok);
        failed.forEach(f -> failures.merge(f, 1, Integer::sum));
        return "repetition %d/%d: %s (%.0f s)%s".formatted(passed.size(), repetitions, ok ? "PASSED" : "FAILED", seconds,
                failed.isEmpty() ? "" : ": " + String.join(", ", failed));
    }

    boolean allPassed() {
        return passed.size() == repetitions && !passed.contains(false);
    }

    /** e.g. "20/20 passed": of the repetitions asked for, a repetition that never ran counts as not passed. */
    String total() {
        return "%d/%d passed".formatted(passedCount(), repetitions) + (passed.size() < repetitions
                ? " (" + (repetitions - passed.size()) + " not run)" : "");
    }

    String json() {
        ObjectNode counts = JSON.createObjectNode();
        counts.set("its", JSON.valueToTree(its));
        counts.put("load", load).put("repetitions", repetitions).put("run", passed.size())
                .put("passed", passedCount()).put("failed", passed.size() - passedCount());
        counts.set("failures", JSON.valueToTree(failures));
        return counts.toString();
    }

    private int passedCount() {
        return (int) passed.stream().filter(p -> p).count();
    }
}
