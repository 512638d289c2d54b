package consistency.processing;

import consistency.wire.WindowResult;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;

/**
 * A dead letter as a record of the dead-letter topic: the original key and value byte for byte, and headers
 * naming why and where from, with the same names the Kafka-only processor's connector writes
 * ({@code dead-letter-reason}, {@code dead-letter-topic}, {@code dead-letter-partition},
 * {@code dead-letter-offset}) plus {@code dead-letter-kind} ({@code MALFORMED} or {@code TOO_LATE}),
 * {@code lab-engine} and {@code lab-incarnation}.
 */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    static final String REASON = "dead-letter-reason";
    static final String KIND = "dead-letter-kind";
    static final String TOPIC = "dead-letter-topic";
    static final String PARTITION = "dead-letter-partition";
    static final String OFFSET = "dead-letter-offset";
    static final String ENGINE = "lab-engine";
    static final String INCARNATION = "lab-incarnation";

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RawRecord raw = letter.raw();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null,
                raw == null ? null : raw.key(), raw == null ? null : raw.value());
        header(record, REASON, letter.reason());
        header(record, KIND, letter.kind().name());
        if (raw != null) {
            header(record, TOPIC, raw.topic());
            header(record, PARTITION, Integer.toString(raw.partition()));
            header(record, OFFSET, Long.toString(raw.offset()));
        }
        header(record, ENGINE, WindowResult.Engine.FLINK.name());
        header(record, INCARNATION, letter.incarnation());
        return record;
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
