package consistency.cdc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change a sink could not apply, with what is known of its identity so it can be traced and
 * replayed: the aggregate key and version (null when the change was too broken to tell).
 */
public record FailedDocument(String aggregateId, Long version, String reason, String raw) {

    private static final int MAX_RAW = 4000;

    /** The failure as stored in the {@code lab_cdc_failures} collection / index. */
    public Map<String, Object> toDocument(String sink, String appliedAt) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sink", sink);
        d.put("aggregate_id", aggregateId);
        d.put("version", version);
        d.put("reason", reason);
        d.put("raw", raw == null ? null : raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) : raw);
        d.put("failed_at", appliedAt);
        return d;
    }
}
