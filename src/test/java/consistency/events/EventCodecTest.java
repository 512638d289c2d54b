package consistency.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private static final LabEvent EVENT = new LabEvent("e-1", "r7", "r7-acct-0003", 12, -250,
            Instant.parse("2026-01-01T00:00:01Z"), Instant.parse("2026-01-01T00:00:02.5Z"));

    @Test
    void encodesExactlyTheContractFieldsInOrderWithMilliseconds() {
        assertThat(EventCodec.encode(EVENT)).isEqualTo("{\"event_id\":\"e-1\",\"run_id\":\"r7\","
                + "\"business_key\":\"r7-acct-0003\",\"sequence\":12,\"amount\":-250,"
                + "\"event_time\":\"2026-01-01T00:00:01.000Z\",\"produce_time\":\"2026-01-01T00:00:02.500Z\"}");
    }

    @Test
    void decodesWhatItEncodes() {
        assertThat(EventCodec.decode(EventCodec.encode(EVENT))).isEqualTo(EVENT);
    }

    @Test
    void namesWhatIsWrongWithAMalformedEvent() {
        assertThatThrownBy(() -> EventCodec.decode("{not json")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> EventCodec.decode("[]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> EventCodec.decode(EventCodec.encode(EVENT).replace("\"amount\":-250", "\"amount\":\"x\"")))
                .hasMessage("field amount must be an integer, got \"x\"");
        assertThatThrownBy(() -> EventCodec.decode(EventCodec.encode(EVENT).replace(",\"event_time\":\"2026-01-01T00:00:01.000Z\"", "")))
                .hasMessage("missing field event_time");
        assertThatThrownBy(() -> EventCodec.decode(EventCodec.encode(EVENT).replace("2026-01-01T00:00:01.000Z", "yesterday")))
                .hasMessage("field event_time is not an ISO-8601 instant: yesterday");
    }
}
