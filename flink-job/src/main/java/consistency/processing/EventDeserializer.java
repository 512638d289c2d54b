package consistency.processing;

import consistency.wire.EventCodec;
import consistency.wire.MalformedEventException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns every Kafka record into an {@link Incoming}: the parsed event or progress mark, or the reason it is
 * neither. It never
 * throws, so a malformed record cannot fail (and endlessly restart) the job.
 */
public class EventDeserializer implements KafkaRecordDeserializationSchema<Incoming> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Incoming> out) {
        out.collect(toIncoming(record.topic(), record.partition(), record.offset(), record.key(), record.value()));
    }

    static Incoming toIncoming(String topic, int partition, long offset, byte[] key, byte[] value) {
        RawRecord raw = new RawRecord(topic, partition, offset, key, value);
        try {
            return Incoming.parsed(raw, EventCodec.decode(value));
        } catch (MalformedEventException malformed) {
            return Incoming.malformed(raw, malformed.getMessage());
        } catch (RuntimeException unexpected) {
            return Incoming.malformed(raw, "unreadable record: " + unexpected);
        }
    }

    @Override
    public TypeInformation<Incoming> getProducedType() {
        return TypeInformation.of(Incoming.class);
    }
}
