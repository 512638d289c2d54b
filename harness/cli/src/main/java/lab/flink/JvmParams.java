package lab.flink;

import java.util.Arrays;
import java.util.List;

/**
 * What Flink's launch scripts compute with {@code BashJavaUtils GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS
 * --configDir DIR}: the JVM's memory flags (-Xmx, -Xms, -XX:MaxMetaspaceSize, for the TaskManager also
 * -XX:MaxDirectMemorySize) and the dynamic properties (-D key=value ...) that pin every derived memory size
 * for the process, so the JVM and Flink agree on the budget.
 */
public record JvmParams(List<String> jvmArgs, List<String> dynamicProperties) {

    public static final String MAIN_CLASS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    static final String PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /** BashJavaUtils' output: exactly two result lines (JVM flags, then dynamic properties), as the scripts demand. */
    public static JvmParams parse(String output) {
        List<String> results = output.lines()
                .filter(line -> line.startsWith(PREFIX))
                .map(line -> line.substring(PREFIX.length()).trim())
                .toList();
        if (results.size() != 2) {
            throw new IllegalArgumentException("expected 2 lines starting with " + PREFIX + ", got " + results.size()
                    + ":\n" + tail(output));
        }
        return new JvmParams(words(results.get(0)), words(results.get(1)));
    }

    /** The form kept between prepare and start: the two lines again. */
    public String format() {
        return PREFIX + String.join(" ", jvmArgs) + "\n" + PREFIX + String.join(" ", dynamicProperties) + "\n";
    }

    private static List<String> words(String line) {
        return line.isEmpty() ? List.of() : Arrays.asList(line.split("\\s+"));
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
