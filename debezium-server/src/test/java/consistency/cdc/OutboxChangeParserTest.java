package consistency.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class OutboxChangeParserTest {

    private final OutboxChangeParser parser = new OutboxChangeParser();

    @Test
    void insertWithAfterBecomesAChangeWithSourceCommitTime() {
        ParseResult r = parser.parse(Changes.insert("FLINK|k1|2026-01-01T00:00:00Z", 3, 1_767_225_665_000L));

        assertThat(r).isInstanceOf(ParseResult.Change.class);
        OutboxChange c = ((ParseResult.Change) r).change();
        assertThat(c.aggregateId()).isEqualTo("FLINK|k1|2026-01-01T00:00:00Z");
        assertThat(c.version()).isEqualTo(3);
        assertThat(c.sourceCommitTime()).isEqualTo(Instant.ofEpochMilli(1_767_225_665_000L));
        assertThat(c.outboxCreatedAt()).isEqualTo("2026-01-01T00:01:05.123456Z");
        assertThat(c.payload()).containsEntry("business_key", "k1").containsEntry("calculated_value", 103)
                .containsEntry("version", 3L);
    }

    @Test
    void schemaWrappedEnvelopeAndObjectPayloadAreAccepted() {
        String v = "{\"schema\":{},\"payload\":{\"after\":{\"aggregate_id\":\"a\",\"version\":2,"
                + "\"payload\":{\"aggregate_id\":\"a\",\"version\":2},\"created_at\":1767225665123456},"
                + "\"source\":{\"ts_ms\":5},\"op\":\"c\"}}";

        OutboxChange c = Changes.change(v);

        assertThat(c.version()).isEqualTo(2);
        assertThat(c.outboxCreatedAt()).isEqualTo("2026-01-01T00:01:05.123456Z");
        assertThat(c.sourceCommitTime()).isEqualTo(Instant.ofEpochMilli(5));
    }

    @Test
    void tombstonesAndDeletesCarryNoDocument() {
        assertThat(parser.parse(null)).isInstanceOf(ParseResult.Ignored.class);
        assertThat(parser.parse("{\"before\":{\"id\":1},\"after\":null,\"op\":\"d\"}")).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void brokenChangesAreFailuresWithWhatIsKnownOfTheirIdentity() {
        ParseResult badPayload = parser.parse("{\"after\":{\"aggregate_id\":\"a\",\"version\":4,\"payload\":\"{nope\"},\"op\":\"c\"}");
        ParseResult noVersion = parser.parse("{\"after\":{\"aggregate_id\":\"a\",\"payload\":\"{}\"},\"op\":\"c\"}");
        ParseResult notJson = parser.parse("not json");

        assertThat(badPayload).isInstanceOfSatisfying(ParseResult.Failed.class, f -> {
            assertThat(f.failure().aggregateId()).isEqualTo("a");
            assertThat(f.failure().version()).isEqualTo(4L);
            assertThat(f.failure().raw()).contains("{nope");
        });
        assertThat(noVersion).isInstanceOfSatisfying(ParseResult.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo("no version"));
        assertThat(notJson).isInstanceOf(ParseResult.Failed.class);
    }
}
