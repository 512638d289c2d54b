package lab.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fault measured: ordered snake_case fields, printed as aligned lines and as one JSON line.
 * The first field is always "fault" (its name).
 */
public record FaultReport(Map<String, Object> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Builder of(String fault) {
        return new Builder(fault);
    }

    /** A report with one more field, after the others. */
    public FaultReport with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(fields);
        more.put(key, value);
        return new FaultReport(Collections.unmodifiableMap(more));
    }

    public String json() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String text() {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        fields.forEach((key, value) -> out.append(String.format("  %-" + width + "s  %s%n", key, value)));
        return out.toString();
    }

    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(String fault) {
            fields.put("fault", fault);
        }

        public Builder put(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        public FaultReport build() {
            return new FaultReport(Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
        }
    }
}
