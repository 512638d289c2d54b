package lab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A run's per-window verdicts of one engine (GET /api/runs/{id}/verdict) as a short SHA-256, normalized so two runs
 * of one seed compare: each run has its own run id, which prefixes its business keys, and its own base event time,
 * so a key is its suffix after the run id and a window its offset from the run's first window start. Per window and
 * store it covers engine, key, window, store, verdict and the confidence the store holds.
 */
final class VerdictDigest {

    static final int LENGTH = 12;
    static final String NONE = "-";

    private VerdictDigest() {
    }

    /** The first {@link #LENGTH} hex digits of the digest; {@link #NONE} when there is no verdict. */
    static String of(JsonNode verdict, String engine) {
        if (verdict == null) {
            return NONE;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines(verdict, engine).forEach(l -> sha.update((l + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** What the digest covers, one line per window and store, in the verdict's order (engine, key, window). */
    static List<String> lines(JsonNode verdict, String engine) {
        String prefix = verdict.path("run_id").asText() + "-";
        Instant first = firstWindowStart(verdict);
        List<String> lines = new ArrayList<>();
        for (JsonNode w : verdict.path("windows")) {
            if (!engine.equals(w.path("engine").asText())) {
                continue;
            }
            String key = w.path("business_key").asText();
            String normalizedKey = key.startsWith(prefix) ? key.substring(prefix.length()) : key;
            long offsetMs = Duration.between(first, Instant.parse(w.path("window_start").asText())).toMillis();
            for (Map.Entry<String, JsonNode> store : w.path("stores").properties()) {
                lines.add(String.join(" ", engine, normalizedKey, "+" + offsetMs + "ms", store.getKey(),
                        store.getValue().path("verdict").asText(), store.getValue().path("confidence").asText(NONE)));
            }
        }
        return lines;
    }

    /**
     * Windows of the engine WRONG in some store and not LOW in every store that holds them, as "key window store
     * confidence": the Kafka-only path may be wrong after a restart, but then it must say so.
     */
    static List<String> wrongNotLow(JsonNode verdict, String engine) {
        return wrongWith(verdict, engine, confidence -> !"LOW".equals(confidence));
    }

    /**
     * The contract's core promise, for any engine ({@code ALL}: every engine): no window WRONG in some store carries
     * HIGH confidence in any store; the violations, as "key window store HIGH".
     */
    static List<String> wrongButHigh(JsonNode verdict, String engine) {
        return wrongWith(verdict, engine, "HIGH"::equals);
    }

    private static List<String> wrongWith(JsonNode verdict, String engine, Predicate<String> badConfidence) {
        List<String> found = new ArrayList<>();
        if (verdict == null) {
            return found;
        }
        for (JsonNode w : verdict.path("windows")) {
            if (!engine.equals(DecisionTable.ALL) && !engine.equals(w.path("engine").asText())) {
                continue;
            }
            boolean wrong = false;
            for (JsonNode s : w.path("stores")) {
                wrong |= "WRONG".equals(s.path("verdict").asText());
            }
            for (Map.Entry<String, JsonNode> store : w.path("stores").properties()) {
                JsonNode confidence = store.getValue().path("confidence");
                if (wrong && !confidence.isNull() && !confidence.isMissingNode() && badConfidence.test(confidence.asText())) {
                    found.add(String.join(" ", w.path("business_key").asText(), w.path("window_start").asText(),
                            store.getKey(), confidence.asText()));
                }
            }
        }
        return found;
    }

    private static Instant firstWindowStart(JsonNode verdict) {
        Instant first = null;
        for (JsonNode w : verdict.path("windows")) {
            Instant start = Instant.parse(w.path("window_start").asText());
            first = first == null || start.isBefore(first) ? start : first;
        }
        return first;
    }
}
