package consistency.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of {@code lab.results}: snake_case JSON, instants as ISO-8601 strings. Shared by both
 * engines and the decision layer; {@link #decode} rejects a result that lacks part of its identity.
 */
public final class ResultCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private ResultCodec() {
    }

    public static String encode(WindowResult result) {
        try {
            return MAPPER.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result is always serializable", e);
        }
    }

    /** Parses one record value; the message of an {@link IllegalArgumentException} says what is wrong. */
    public static WindowResult decode(String value) {
        WindowResult result;
        try {
            result = MAPPER.readValue(value, WindowResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable result: " + e.getOriginalMessage(), e);
        }
        List<String> missing = new ArrayList<>();
        if (result.processingEngine() == null) {
            missing.add("processing_engine");
        }
        if (result.businessKey() == null || result.businessKey().isBlank()) {
            missing.add("business_key");
        }
        if (result.windowStart() == null) {
            missing.add("window_start");
        }
        if (result.windowEnd() == null) {
            missing.add("window_end");
        }
        if (result.incarnation() == null) {
            missing.add("incarnation");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("result lacks " + String.join(", ", missing));
        }
        if (result.revision() < 1) {
            throw new IllegalArgumentException("revision must be at least 1, got " + result.revision());
        }
        return result;
    }
}
