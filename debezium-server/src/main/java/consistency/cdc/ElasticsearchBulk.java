package consistency.cdc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Request bodies and response reading for the Elasticsearch {@code _bulk} API, without a server.
 *
 * <p>Each document is indexed with {@code version_type=external} and {@code version} = the outbox
 * version, so Elasticsearch itself refuses anything not newer than what it holds: a per-item 409
 * ({@code version_conflict_engine_exception}) means "stored is newer or equal" and is not an error.
 */
public final class ElasticsearchBulk {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ElasticsearchBulk() {
    }

    /** NDJSON body indexing each change as a {@code SEARCH} document under its aggregate id. */
    public static String indexBody(String index, List<OutboxChange> changes, Instant appliedAt) {
        StringBuilder body = new StringBuilder();
        for (OutboxChange c : changes) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("_index", index);
            action.put("_id", c.aggregateId());
            action.put("version", c.version());
            action.put("version_type", "external");
            line(body, Map.of("index", action));
            line(body, ReadModelDocument.of(c, ReadModelDocument.SEARCH, appliedAt));
        }
        return body.toString();
    }

    /** NDJSON body appending failure records (auto ids) to the failures index. */
    public static String failuresBody(String index, List<FailedDocument> failed, Instant at) {
        StringBuilder body = new StringBuilder();
        for (FailedDocument f : failed) {
            line(body, Map.of("index", Map.of("_index", index)));
            line(body, f.toDocument("elasticsearch", at.toString()));
        }
        return body.toString();
    }

    /** Per-item result of an index {@code _bulk} response, in request order. */
    public record ItemOutcome(int status, String error) {
        public boolean applied() {
            return status >= 200 && status < 300;
        }

        public boolean stale() {
            return status == 409;
        }
    }

    public static List<ItemOutcome> outcomes(String responseBody) {
        JsonNode root;
        try {
            root = JSON.readTree(responseBody);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable _bulk response: " + e.getOriginalMessage(), e);
        }
        List<ItemOutcome> out = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            JsonNode r = item.elements().hasNext() ? item.elements().next() : item;
            JsonNode err = r.get("error");
            String error = err == null || err.isNull() ? null
                    : err.path("type").asText("") + ": " + err.path("reason").asText(err.toString());
            out.add(new ItemOutcome(r.path("status").asInt(0), error));
        }
        return out;
    }

    private static void line(StringBuilder body, Object value) {
        try {
            body.append(JSON.writeValueAsString(value)).append('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("document cannot be written as JSON", e);
        }
    }
}
