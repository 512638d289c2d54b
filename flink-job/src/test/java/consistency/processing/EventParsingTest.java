package consistency.processing;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Deserialization never fails the job: every malformed record goes to the side output with its reason and bytes. */
class EventParsingTest {

    private static final String VALID = Events.json("e-1", "run-1", "acct-1", 7, -250, "2026-01-01T00:00:01.500Z");

    @Test
    void parsesAValidEvent() throws Exception {
        Incoming in = EventDeserializer.toIncoming("lab.events", 3, 42, bytes("acct-1"), bytes(VALID));
        assertThat(in.isEvent()).isTrue();
        LabEvent e = in.event();
        assertThat(e.eventId()).isEqualTo("e-1");
        assertThat(e.runId()).isEqualTo("run-1");
        assertThat(e.businessKey()).isEqualTo("acct-1");
        assertThat(e.sequence()).isEqualTo(7);
        assertThat(e.amount()).isEqualTo(-250);
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-01-01T00:00:01.500Z").toEpochMilli());

        try (OneInputStreamOperatorTestHarness<Incoming, LabEvent> harness = split()) {
            harness.processElement(in, e.eventTime());
            assertThat(harness.extractOutputValues()).singleElement().satisfies(out -> {
                assertThat(out.eventId()).isEqualTo("e-1");
                assertThat(out.raw().partition()).isEqualTo(3);
                assertThat(out.raw().offset()).isEqualTo(42);
                assertThat(out.raw().value()).isEqualTo(bytes(VALID));
            });
            assertThat(harness.getSideOutput(SplitMalformed.MALFORMED)).isNull();
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("bad JSON", bytes("{\"event_id\": \"e-1\","), "not JSON"),
                Arguments.of("not an object", bytes("[1, 2, 3]"), "not a JSON object"),
                Arguments.of("missing field", bytes(VALID.replace("\"event_id\":\"e-1\",", "")), "missing field event_id"),
                Arguments.of("null field", bytes(VALID.replace("\"run_id\":\"run-1\"", "\"run_id\":null")), "missing field run_id"),
                Arguments.of("blank key", bytes(VALID.replace("\"business_key\":\"acct-1\"", "\"business_key\":\" \"")),
                        "field business_key must be a non-empty string"),
                Arguments.of("non-numeric amount", bytes(VALID.replace("\"amount\":-250", "\"amount\":\"-250\"")),
                        "field amount must be an integer"),
                Arguments.of("fractional amount", bytes(VALID.replace("\"amount\":-250", "\"amount\":2.5")),
                        "field amount must be an integer"),
                Arguments.of("amount beyond long", bytes(VALID.replace("\"amount\":-250", "\"amount\":99999999999999999999")),
                        "field amount must be an integer"),
                Arguments.of("bad event_time", bytes(VALID.replace("2026-01-01T00:00:01.500Z\",\"produce", "yesterday\",\"produce")),
                        "field event_time is not an ISO-8601 instant: yesterday"),
                Arguments.of("not UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'}, "not UTF-8 text"),
                Arguments.of("no value", null, "empty record value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void sendsAMalformedRecordToTheSideOutputWithItsReasonAndBytes(String kind, byte[] value, String reason) throws Exception {
        Incoming in = EventDeserializer.toIncoming("lab.events", 1, 99, bytes("acct-1"), value);
        assertThat(in.isEvent()).isFalse();

        try (OneInputStreamOperatorTestHarness<Incoming, LabEvent> harness = split()) {
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

    private static OneInputStreamOperatorTestHarness<Incoming, LabEvent> split() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new SplitMalformed());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
