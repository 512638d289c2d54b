package consistency.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The fields of one JSON object read by the wire codecs, with one rule per kind of field and one wording of what
 * is wrong. Strict: a duplicate key or anything after the object makes the text not JSON. Unknown fields are
 * ignored, so a producer may add one without breaking older readers.
 */
final class JsonFields {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** What both codecs write with: Jackson's generator, independent of any application's mapper settings. */
    private static final JsonFactory WRITER = MAPPER.getFactory();

    static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");

    private final JsonNode node;
    private final Function<String, ? extends RuntimeException> malformed;

    private JsonFields(JsonNode node, Function<String, ? extends RuntimeException> malformed) {
        this.node = node;
        this.malformed = malformed;
    }

    /** The object in {@code text}; anything else is {@code malformed} with the reason. */
    static JsonFields parse(String text, Function<String, ? extends RuntimeException> malformed) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed.apply("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw malformed.apply("not a JSON object");
        }
        return new JsonFields(node, malformed);
    }

    /** Writes one JSON object with {@code fields}. */
    static String write(int sizeHint, Body fields) {
        StringWriter out = new StringWriter(sizeHint);
        try (JsonGenerator json = WRITER.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /** Present and not null. */
    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** The field's raw node: present, possibly null. */
    JsonNode get(String field) {
        return node.get(field);
    }

    String text(String field) {
        JsonNode value = required(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw malformed.apply("field " + field + " must be a non-empty string");
        }
        return value.asText();
    }

    String optionalText(String field) {
        return has(field) ? text(field) : null;
    }

    long integer(String field) {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed.apply("field " + field + " must be an integer, got " + value);
        }
        return value.asLong();
    }

    Long optionalInteger(String field) {
        return has(field) ? integer(field) : null;
    }

    int smallInteger(String field) {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw malformed.apply("field " + field + " must be a 32-bit integer, got " + value);
        }
        return value.asInt();
    }

    boolean bool(String field) {
        JsonNode value = required(field);
        if (!value.isBoolean()) {
            throw malformed.apply("field " + field + " must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    /** An integer within {@code [min, max]}. */
    long integer(String field, long min, long max) {
        long value = integer(field);
        if (value < min || value > max) {
            throw malformed.apply("field " + field + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /**
     * An ISO-8601 instant with a four-digit year ({@link #MIN_INSTANT} to {@link #MAX_INSTANT}): {@link Instant#parse}
     * takes years up to a billion, beyond epoch milliseconds, and window arithmetic on them (start + size + grace)
     * would overflow. Within four-digit years it never does.
     */
    Instant instant(String field) {
        String text = text(field);
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed.apply("field " + field + " is not an ISO-8601 instant: " + text);
        }
        if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
            throw malformed.apply("field " + field + " is out of range (years 0001 to 9999): " + text);
        }
        return instant;
    }

    Instant optionalInstant(String field) {
        return has(field) ? instant(field) : null;
    }

    RuntimeException malformed(String reason) {
        return malformed.apply(reason);
    }

    private JsonNode required(String field) {
        if (!has(field)) {
            throw malformed.apply("missing field " + field);
        }
        return node.get(field);
    }
}
