package consistency.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses a {@code lab.events} record value: UTF-8 JSON with string {@code event_id}, {@code run_id},
 * {@code business_key}, integer {@code sequence} and {@code amount}, ISO-8601 instants {@code event_time} and
 * {@code produce_time}. Anything else is a {@link MalformedEventException} whose message says what is wrong; the
 * rules match the service's own event codec, so both engines dead-letter the same records.
 */
public final class EventParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventParser() {
    }

    public static LabEvent parse(byte[] value) {
        if (value == null) {
            throw new MalformedEventException("empty record value");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("not UTF-8 text");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        return new LabEvent(
                text(node, "event_id"),
                text(node, "run_id"),
                text(node, "business_key"),
                integer(node, "sequence"),
                integer(node, "amount"),
                instant(node, "event_time"),
                instant(node, "produce_time"),
                null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("missing field " + field);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("field " + field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("missing field " + field);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedEventException("field " + field + " must be an integer, got " + value);
        }
        return value.asLong();
    }

    private static long instant(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new MalformedEventException("field " + field + " is not an ISO-8601 instant: " + text);
        }
    }
}
