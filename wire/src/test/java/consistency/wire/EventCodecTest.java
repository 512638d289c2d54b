package consistency.wire;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the vectors cannot show: how instants are cut to the wire's resolution. */
class EventCodecTest {

    @Test
    void instantsAreWrittenWithExactlyThreeFractionDigits() {
        assertEquals("2026-01-01T00:00:01.000Z", EventCodec.formatInstant(Instant.parse("2026-01-01T00:00:01Z")));
        assertEquals("2026-01-01T00:00:01.123Z", EventCodec.formatInstant(Instant.parse("2026-01-01T00:00:01.123987Z")));
    }

    @Test
    void aMarkIsWrittenWithItsTypeFirst() {
        assertEquals("{\"type\":\"progress\",\"run_id\":\"r1\",\"event_time\":\"2026-01-01T00:00:05.000Z\"}",
                EventCodec.encode(new ProgressMark("r1", Instant.parse("2026-01-01T00:00:05Z"))));
    }
}
