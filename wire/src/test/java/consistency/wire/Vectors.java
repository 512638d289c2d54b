package consistency.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The shared test vectors under {@code vectors/}: wire texts with what they decode to, and malformed inputs with
 * the reason they are rejected. Expected values are written with the records' own component names, so reading
 * them shares nothing with the codecs under test.
 */
final class Vectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    static List<JsonNode> load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test vectors " + name);
            }
            return StreamSupport.stream(JSON.readTree(in).spliterator(), false).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record value's bytes: {@code wire_hex} when given, else {@code wire} as UTF-8, null for JSON null. */
    static byte[] bytes(JsonNode vector) {
        if (vector.has("wire_hex")) {
            return HexFormat.of().parseHex(vector.get("wire_hex").asText());
        }
        JsonNode wire = vector.get("wire");
        return wire.isNull() ? null : wire.asText().getBytes(StandardCharsets.UTF_8);
    }

    /** A record of {@code type} from an object with one field per component, by component name. */
    static <R extends Record> R record(Class<R> type, JsonNode value) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = component(types[i], value.get(components[i].getName()));
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object component(Class<?> type, JsonNode node) {
        if (node == null) {
            throw new IllegalArgumentException("test vector lacks a value of type " + type.getSimpleName());
        }
        if (node.isNull()) {
            return null;
        }
        if (type == String.class) {
            return node.asText();
        }
        if (type == long.class || type == Long.class) {
            return node.longValue();
        }
        if (type == int.class) {
            return node.intValue();
        }
        if (type == boolean.class) {
            return node.booleanValue();
        }
        if (type == Instant.class) {
            return Instant.parse(node.asText());
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, node.asText());
        }
        throw new IllegalArgumentException("no test vector reading for " + type);
    }
}
