package consistency.wire;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shared test vector through the one parser and the one encoder of each format. */
class WireVectorsTest {

    @TestFactory
    Stream<DynamicTest> sourceRecordsDecodeToTheirValueAndCanonicalOnesEncodeBackExactly() {
        return Vectors.load("events.json").stream().map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () -> {
            SourceRecord expected = switch (v.get("kind").asText()) {
                case "LabEvent" -> Vectors.record(LabEvent.class, v.get("value"));
                case "ProgressMark" -> Vectors.record(ProgressMark.class, v.get("value"));
                default -> throw new IllegalArgumentException("unknown kind in " + v);
            };
            String wire = v.get("wire").asText();
            assertEquals(expected, EventCodec.decode(wire));
            assertEquals(expected, EventCodec.decode(Vectors.bytes(v)));
            String encoded = switch (expected) {
                case LabEvent event -> EventCodec.encode(event);
                case ProgressMark mark -> EventCodec.encode(mark);
            };
            if (v.get("canonical").asBoolean()) {
                assertEquals(wire, encoded);
            }
            assertEquals(expected, EventCodec.decode(encoded));
        }));
    }

    @TestFactory
    Stream<DynamicTest> malformedSourceRecordsAreRejectedWithTheirReason() {
        return Vectors.load("events-malformed.json").stream().map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () -> {
            MalformedEventException e = assertThrows(MalformedEventException.class, () -> EventCodec.decode(Vectors.bytes(v)));
            assertReason(v, e.getMessage());
            if (v.has("wire") && !v.get("wire").isNull()) {
                assertReason(v, assertThrows(MalformedEventException.class, () -> EventCodec.decode(v.get("wire").asText()))
                        .getMessage());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> resultsDecodeToTheirValueAndCanonicalOnesEncodeBackExactly() {
        return Vectors.load("results.json").stream().map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () -> {
            WindowResult expected = Vectors.record(WindowResult.class, v.get("value"));
            String wire = v.get("wire").asText();
            assertEquals(expected, ResultCodec.decode(wire));
            if (v.get("canonical").asBoolean()) {
                assertEquals(wire, ResultCodec.encode(expected));
            }
            assertEquals(expected, ResultCodec.decode(ResultCodec.encode(expected)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> malformedResultsAreRejectedWithTheirReason() {
        return Vectors.load("results-malformed.json").stream().map(v -> DynamicTest.dynamicTest(v.get("name").asText(), () ->
                assertReason(v, assertThrows(IllegalArgumentException.class, () -> ResultCodec.decode(v.get("wire").asText()))
                        .getMessage())));
    }

    private static void assertReason(JsonNode vector, String message) {
        if (vector.has("error")) {
            assertEquals(vector.get("error").asText(), message);
        } else {
            String prefix = vector.get("error_prefix").asText();
            assertTrue(message.startsWith(prefix), () -> "expected a reason starting with '" + prefix + "', got: " + message);
        }
    }
}
