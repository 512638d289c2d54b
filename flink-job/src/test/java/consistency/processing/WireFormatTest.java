package consistency.processing;

import consistency.wire.LabEvent;
import consistency.wire.ProgressMark;
import consistency.wire.ResultCodec;
import consistency.wire.WindowResult;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What leaves the job (results keyed for lab.results, dead letters with their headers) and what moves inside it. */
class WireFormatTest {

    @Test
    void aResultRecordIsKeyedByBusinessKey() {
        WindowResult result = new WindowResult(WindowResult.Engine.FLINK, "acct-9", Instant.EPOCH, Instant.ofEpochSecond(10),
                1, 1, 1, "x-0", null, null, false, false, 0, Instant.ofEpochMilli(1), "r");
        ProducerRecord<byte[], byte[]> record = new ResultSerializer("lab.results").serialize(result, null, 5L);
        assertThat(record.topic()).isEqualTo("lab.results");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("acct-9");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(ResultCodec.encode(result));
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
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        for (Class<?> type : new Class<?>[] {Incoming.class, ParsedEvent.class, LabEvent.class, ProgressMark.class,
                RawRecord.class, DeadLetter.class, WindowResult.class, WindowAccumulator.class, CheckpointMark.class}) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            // Fails for any field, however deep, that would need Kryo (as GENERIC_TYPES=false does in the job).
            TypeInformation.of(type).createSerializer(noKryo);
        }
    }

    @Test
    void theWireRecordsWithInstantsSurviveFlinksSerializer() throws Exception {
        ParsedEvent event = Events.event("k", "e-1", -5, Events.T0 + 1_234);
        Incoming mark = new Incoming(event.raw(), null, new ProgressMark("run-1", Instant.ofEpochMilli(Events.T0)), null);
        WindowResult result = new WindowResult(WindowResult.Engine.FLINK, "k", Instant.EPOCH, Instant.ofEpochSecond(10),
                1, 1, 1, "x-0", Instant.ofEpochMilli(3), 7L, false, false, 0, Instant.ofEpochMilli(4), "r");
        assertThat(roundTrip(ParsedEvent.class, event).event()).isEqualTo(event.event());
        assertThat(roundTrip(Incoming.class, mark).progress()).isEqualTo(mark.progress());
        assertThat(roundTrip(WindowResult.class, result)).isEqualTo(result);
    }

    private static <T> T roundTrip(Class<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }
}
