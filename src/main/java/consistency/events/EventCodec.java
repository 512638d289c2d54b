package consistency.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The wire format of {@code lab.events}: a JSON object with the seven fields of the event contract in a
 * fixed order, instants as ISO-8601 UTC with milliseconds. Independent of the service's Jackson settings,
 * so the bytes on the topic never change with application configuration.
 */
public final class EventCodec {

    private static final DateTimeFormatter INSTANT_MS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventCodec() {
    }

    public static String encode(LabEvent event) {
        StringWriter out = new StringWriter(192);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event_id", event.eventId());
            json.writeStringField("run_id", event.runId());
            json.writeStringField("business_key", event.businessKey());
            json.writeNumberField("sequence", event.sequence());
            json.writeNumberField("amount", event.amount());
            json.writeStringField("event_time", formatInstant(event.eventTime()));
            json.writeStringField("produce_time", formatInstant(event.produceTime()));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Parses the raw bytes of one record value: UTF-8 JSON, strictly; a bad byte is a malformed event. */
    public static LabEvent decode(byte[] value) {
        if (value == null) {
            throw new MalformedEventException("empty record value");
        }
        try {
            return decode(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("not UTF-8 text");
        }
    }

    /** Parses one record value; the message of a {@link MalformedEventException} says what is wrong. */
    public static LabEvent decode(String value) {
        JsonNode node;
        try {
            node = MAPPER.readTree(value);
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
                instant(node, "produce_time"));
    }

    public static String formatInstant(Instant instant) {
        return INSTANT_MS.format(instant.truncatedTo(ChronoUnit.MILLIS));
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

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("field " + field + " is not an ISO-8601 instant: " + text);
        }
    }
}
