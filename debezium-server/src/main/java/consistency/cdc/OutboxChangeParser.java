package consistency.cdc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns the JSON value of a Debezium change on {@code public.outbox} into an {@link OutboxChange}.
 *
 * <p>Expects the JSON converter without schemas ({@code {"before":..,"after":..,"source":..,"op":..}});
 * an envelope wrapped as {@code {"schema":..,"payload":..}} is unwrapped too. The {@code payload} column
 * is {@code jsonb}, which Debezium emits as a JSON string; an embedded object is accepted as well.
 */
public final class OutboxChangeParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public ParseResult parse(String value) {
        if (value == null || value.isBlank()) {
            return new ParseResult.Ignored("tombstone");
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return failed(null, null, "change is not JSON: " + e.getOriginalMessage(), value);
        }
        if (envelope.has("schema") && envelope.has("payload") && envelope.get("payload").isObject()) {
            envelope = envelope.get("payload");
        }
        String op = text(envelope.get("op"));
        if ("d".equals(op) || "t".equals(op)) {
            return new ParseResult.Ignored("op " + op + " carries no document");
        }
        JsonNode after = envelope.get("after");
        if (after == null || !after.isObject()) {
            return failed(null, null, "change has no 'after' row (op=" + op + ")", value);
        }
        String aggregateId = text(after.get("aggregate_id"));
        Long version = after.path("version").canConvertToLong() && after.path("version").isIntegralNumber()
                ? after.get("version").asLong() : null;

        JsonNode payloadNode = after.get("payload");
        Map<String, Object> payload;
        try {
            if (payloadNode != null && payloadNode.isTextual()) {
                payloadNode = JSON.readTree(payloadNode.asText());
            }
            if (payloadNode == null || !payloadNode.isObject()) {
                return failed(aggregateId, version, "payload is not a JSON object", value);
            }
            payload = JSON.convertValue(payloadNode, MAP);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return failed(aggregateId, version, "payload is not JSON: " + e.getMessage(), value);
        }
        if (aggregateId == null) {
            aggregateId = payload.get("aggregate_id") instanceof String s ? s : null;
        }
        if (version == null && payload.get("version") instanceof Number n) {
            version = n.longValue();
        }
        if (aggregateId == null || aggregateId.isBlank()) {
            return failed(null, version, "no aggregate_id", value);
        }
        if (version == null) {
            return failed(aggregateId, null, "no version", value);
        }
        // The document's version is the outbox row's; keep them equal even if the payload disagrees.
        payload.put("aggregate_id", aggregateId);
        payload.put("version", version);

        JsonNode tsMs = envelope.path("source").path("ts_ms");
        Instant commit = tsMs.isNumber() ? Instant.ofEpochMilli(tsMs.asLong()) : null;
        return new ParseResult.Change(new OutboxChange(aggregateId, version, payload, commit,
                createdAt(after.get("created_at"))));
    }

    /** {@code timestamptz} arrives as ISO text (ZonedTimestamp); tolerate epoch micros too. */
    static String createdAt(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            long micros = node.asLong();
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
                    .toString();
        }
        String s = node.asText();
        try {
            return OffsetDateTime.parse(s).toInstant().toString();
        } catch (DateTimeParseException e) {
            return s;
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static ParseResult failed(String id, Long version, String reason, String raw) {
        return new ParseResult.Failed(new FailedDocument(id, version, reason, raw));
    }
}
