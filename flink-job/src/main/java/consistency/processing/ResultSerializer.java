package consistency.processing;

import consistency.wire.ResultCodec;
import consistency.wire.WindowResult;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** A result as a {@code lab.results} record: key {@code business_key}, value {@link ResultCodec}. */
public class ResultSerializer implements KafkaRecordSerializationSchema<WindowResult> {

    private final String topic;

    public ResultSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(WindowResult result, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, null,
                result.businessKey().getBytes(StandardCharsets.UTF_8),
                ResultCodec.encode(result).getBytes(StandardCharsets.UTF_8));
    }
}
