package consistency.processing;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What leaves the job: result JSON the decision layer parses, dead letters with their headers. */
class WireFormatTest {

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void aResultIsSnakeCaseJsonWithIsoInstants() {
        WindowResult result = new WindowResult("r7-acct-0003", ms("2026-01-01T00:00:00Z"), ms("2026-01-01T00:00:10Z"),
                1250, 4, 2, "0123456789ab-1-from-17", ms("2026-01-01T00:00:12.345Z"), 17L, true, 1,
                ms("2026-01-01T00:00:13.5Z"), "r7");
        assertThat(ResultJson.encode(result)).isEqualTo("{\"processing_engine\":\"FLINK\",\"business_key\":\"r7-acct-0003\","
                + "\"window_start\":\"2026-01-01T00:00:00Z\",\"window_end\":\"2026-01-01T00:00:10Z\","
                + "\"calculated_value\":1250,\"event_count\":4,\"revision\":2,\"incarnation\":\"0123456789ab-1-from-17\","
                + "\"last_checkpoint_time\":\"2026-01-01T00:00:12.345Z\",\"checkpoint_id\":17,\"late_update\":true,"
                + "\"dropped_late_events\":1,\"emitted_at\":\"2026-01-01T00:00:13.500Z\",\"run_id\":\"r7\"}");
    }

    @Test
    void checkpointFieldsAreNullBeforeTheFirstCheckpoint() {
        WindowResult result = new WindowResult("k", 0, 10_000, -5, 1, 1, "x-0", null, null, false, 0, 20_000, "r");
        assertThat(ResultJson.encode(result)).contains("\"last_checkpoint_time\":null,\"checkpoint_id\":null,");
    }

    @Test
    void aResultRecordIsKeyedByBusinessKey() {
        WindowResult result = new WindowResult("acct-9", 0, 10_000, 1, 1, 1, "x-0", null, null, false, 0, 1, "r");
        ProducerRecord<byte[], byte[]> record = new ResultSerializer("lab.results").serialize(result, null, 5L);
        assertThat(record.topic()).isEqualTo("lab.results");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("acct-9");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(ResultJson.encode(result));
        assertThat(record.partition()).as("the producer partitions by key, like the events").isNull();
    }

    @Test
    void aDeadLetterKeepsTheOriginalBytesAndSaysWhyAndWhereFrom() {
        byte[] value = {(byte) 0xff, 0x00, '{'};
        DeadLetter letter = new DeadLetter(new RawRecord("lab.events", 2, 1234, "k".getBytes(StandardCharsets.UTF_8), value),
                DeadLetter.Kind.MALFORMED, "not UTF-8 text", "abc-0");
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("lab.events.dlq").serialize(letter, null, null);
        assertThat(record.topic()).isEqualTo("lab.events.dlq");
        assertThat(record.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(record.value()).isEqualTo(value);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsExactly(
                Map.entry("dead-letter-reason", "not UTF-8 text"),
                Map.entry("dead-letter-kind", "MALFORMED"),
                Map.entry("dead-letter-topic", "lab.events"),
                Map.entry("dead-letter-partition", "2"),
                Map.entry("dead-letter-offset", "1234"),
                Map.entry("lab-engine", "FLINK"),
                Map.entry("lab-incarnation", "abc-0"));
    }

    @Test
    void everythingTheJobMovesOrKeepsHasAFlinkSerializerNotKryo() {
        for (Class<?> type : new Class<?>[] {Incoming.class, LabEvent.class, RawRecord.class, DeadLetter.class,
                WindowResult.class, WindowAccumulator.class, CheckpointMark.class}) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }
}
