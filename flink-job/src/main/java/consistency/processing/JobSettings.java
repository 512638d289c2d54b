package consistency.processing;

import org.apache.flink.util.ParameterTool;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The job's parameters, from {@code --name value} arguments; every one has a default (see {@link #DEFAULTS}).
 * Unknown names are rejected so a typo does not silently fall back to a default.
 *
 * @param lateTopic      where events beyond allowed lateness go; defaults to the dead-letter topic
 * @param idleTimeoutMs  the quiet-partition fallback for sources without progress marks, 0 (the default) for none
 * @param checkpointDir  checkpoint directory URI; null leaves it to the cluster configuration
 */
public record JobSettings(
        String bootstrap,
        String eventsTopic,
        String resultsTopic,
        String dlqTopic,
        String lateTopic,
        String groupId,
        long windowSizeMs,
        long outOfOrdernessMs,
        long allowedLatenessMs,
        long idleTimeoutMs,
        long dedupTtlMs,
        long checkpointIntervalMs,
        long checkpointTimeoutMs,
        String checkpointDir,
        String transactionalIdPrefix,
        long transactionTimeoutMs,
        int parallelism) implements Serializable {

    /** Parameter names and default values. */
    public static final Map<String, String> DEFAULTS = defaults();

    /** What {@link ParameterTool} stores for a name given without a value. */
    private static final String NO_VALUE = "__NO_VALUE_KEY";

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("bootstrap", "127.0.0.1:19092");
        d.put("events-topic", "lab.events");
        d.put("results-topic", "lab.results");
        d.put("dlq-topic", "lab.events.dlq");
        d.put("late-topic", "");
        d.put("group-id", "lab-mode-b");
        d.put("window-size-ms", "10000");
        d.put("out-of-orderness-ms", "3000");
        d.put("allowed-lateness-ms", "45000");
        d.put("idle-timeout-ms", "0");
        d.put("dedup-ttl-ms", "600000");
        d.put("checkpoint-interval-ms", "5000");
        d.put("checkpoint-timeout-ms", "30000");
        d.put("checkpoint-dir", "");
        d.put("transactional-id-prefix", "lab-mode-b");
        d.put("transaction-timeout-ms", "60000");
        d.put("parallelism", "2");
        return Collections.unmodifiableMap(d);
    }

    public JobSettings {
        require(windowSizeMs > 0, "window-size-ms must be positive");
        require(outOfOrdernessMs >= 0, "out-of-orderness-ms must not be negative");
        require(outOfOrdernessMs <= windowSizeMs, "out-of-orderness-ms must not exceed window-size-ms: a run's closing "
                + "progress mark lies one window past its last event and must fire every window");
        require(allowedLatenessMs >= 0, "allowed-lateness-ms must not be negative");
        require(idleTimeoutMs >= 0, "idle-timeout-ms must not be negative");
        require(dedupTtlMs > 0, "dedup-ttl-ms must be positive");
        require(checkpointIntervalMs > 0, "checkpoint-interval-ms must be positive");
        require(checkpointTimeoutMs > 0, "checkpoint-timeout-ms must be positive");
        require(transactionTimeoutMs > checkpointTimeoutMs,
                "transaction-timeout-ms must exceed checkpoint-timeout-ms, or a slow checkpoint's transaction expires before its commit");
        require(parallelism > 0, "parallelism must be positive");
        for (String value : new String[] {bootstrap, eventsTopic, resultsTopic, dlqTopic, lateTopic, groupId, transactionalIdPrefix}) {
            require(value != null && !value.isBlank(), "bootstrap, topics, group id and transactional id prefix must not be empty");
        }
        if (checkpointDir != null && checkpointDir.isBlank()) {
            checkpointDir = null;
        }
    }

    public static JobSettings fromArgs(String... args) {
        ParameterTool given = ParameterTool.fromArgs(args);
        Set<String> unknown = new TreeSet<>(given.toMap().keySet());
        unknown.removeAll(DEFAULTS.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown parameter(s) " + unknown + "; known: " + DEFAULTS.keySet());
        }
        given.toMap().forEach((name, value) -> {
            if (NO_VALUE.equals(value)) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        });
        ParameterTool p = ParameterTool.fromMap(DEFAULTS).mergeWith(given);
        String dlq = p.get("dlq-topic");
        String late = p.get("late-topic");
        return new JobSettings(
                p.get("bootstrap"),
                p.get("events-topic"),
                p.get("results-topic"),
                dlq,
                late == null || late.isBlank() ? dlq : late,
                p.get("group-id"),
                number(p, "window-size-ms"),
                number(p, "out-of-orderness-ms"),
                number(p, "allowed-lateness-ms"),
                number(p, "idle-timeout-ms"),
                number(p, "dedup-ttl-ms"),
                number(p, "checkpoint-interval-ms"),
                number(p, "checkpoint-timeout-ms"),
                p.get("checkpoint-dir"),
                p.get("transactional-id-prefix"),
                number(p, "transaction-timeout-ms"),
                Math.toIntExact(number(p, "parallelism")));
    }

    private static long number(ParameterTool p, String name) {
        String value = p.get(name);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
