package consistency.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import consistency.wire.EventCodec;
import consistency.wire.LabEvent;
import consistency.wire.ProgressMark;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deserialization never fails the job: events go on with their raw record, progress marks end at the split, and
 * every malformed record (each of the wire module's malformed vectors) goes to the side output with its reason
 * and bytes.
 */
class EventParsingTest {

    private static final String VALID = Events.json("e-1", "run-1", "acct-1", 7, -250, "2026-01-01T00:00:01.500Z");

    @Test
    void parsesAValidEvent() throws Exception {
        Incoming in = EventDeserializer.toIncoming("lab.events", 3, 42, bytes("acct-1"), bytes(VALID));
        assertThat(in.isEvent()).isTrue();
        assertThat(in.isProgress()).isFalse();
        LabEvent e = in.event();
        assertThat(e.eventId()).isEqualTo("e-1");
        assertThat(e.runId()).isEqualTo("run-1");
        assertThat(e.businessKey()).isEqualTo("acct-1");
        assertThat(e.sequence()).isEqualTo(7);
        assertThat(e.amount()).isEqualTo(-250);
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-01-01T00:00:01.500Z"));

        try (OneInputStreamOperatorTestHarness<Incoming, ParsedEvent> harness = split()) {
            harness.processElement(in, e.eventTime().toEpochMilli());
            assertThat(harness.extractOutputValues()).singleElement().satisfies(out -> {
                assertThat(out.event()).isEqualTo(e);
                assertThat(out.raw().partition()).isEqualTo(3);
                assertThat(out.raw().offset()).isEqualTo(42);
                assertThat(out.raw().value()).isEqualTo(bytes(VALID));
            });
            assertThat(harness.getSideOutput(SplitMalformed.MALFORMED)).isNull();
        }
    }

    @Test
    void aProgressMarkIsNeitherPassedOnNorDeadLettered() throws Exception {
        ProgressMark mark = new ProgressMark("run-1", Instant.parse("2026-01-01T00:00:05Z"));
        Incoming in = EventDeserializer.toIncoming("lab.events", 0, 7, null, bytes(EventCodec.encode(mark)));
        assertThat(in.isProgress()).isTrue();
        assertThat(in.progress()).isEqualTo(mark);
        assertThat(in.isEvent()).isFalse();

        try (OneInputStreamOperatorTestHarness<Incoming, ParsedEvent> harness = split()) {
            harness.processElement(new StreamRecord<>(in));
            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.getSideOutput(SplitMalformed.MALFORMED)).isNull();
        }
    }

    /** The wire module's malformed inputs, with the reason each must be dead-lettered with. */
    static Stream<Arguments> malformed() throws IOException {
        try (InputStream in = EventParsingTest.class.getResourceAsStream("/vectors/events-malformed.json")) {
            assertThat(in).as("the wire module's test vectors on the test classpath").isNotNull();
            JsonNode vectors = new ObjectMapper().readTree(in);
            return StreamSupport.stream(vectors.spliterator(), false).map(v -> Arguments.of(
                    v.get("name").asText(),
                    v.has("wire_hex") ? HexFormat.of().parseHex(v.get("wire_hex").asText())
                            : v.get("wire").isNull() ? null : bytes(v.get("wire").asText()),
                    v.has("error") ? v.get("error").asText() : v.get("error_prefix").asText()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void sendsAMalformedRecordToTheSideOutputWithItsReasonAndBytes(String kind, byte[] value, String reason) throws Exception {
        Incoming in = EventDeserializer.toIncoming("lab.events", 1, 99, bytes("acct-1"), value);
        assertThat(in.isEvent()).isFalse();
        assertThat(in.isProgress()).isFalse();

        try (OneInputStreamOperatorTestHarness<Incoming, ParsedEvent> harness = split()) {
            harness.processElement(new StreamRecord<>(in));
            harness.processWatermark(new Watermark(Events.T0));
            assertThat(harness.extractOutputValues()).isEmpty();
            List<DeadLetter> letters = harness.getSideOutput(SplitMalformed.MALFORMED).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.kind()).isEqualTo(DeadLetter.Kind.MALFORMED);
                assertThat(letter.reason()).startsWith(reason);
                assertThat(letter.raw().topic()).isEqualTo("lab.events");
                assertThat(letter.raw().partition()).isEqualTo(1);
                assertThat(letter.raw().offset()).isEqualTo(99);
                assertThat(letter.raw().key()).isEqualTo(bytes("acct-1"));
                assertThat(letter.raw().value()).isEqualTo(value);
                assertThat(letter.incarnation()).isNotBlank();
            });
        }
    }

    private static OneInputStreamOperatorTestHarness<Incoming, ParsedEvent> split() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new SplitMalformed());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
