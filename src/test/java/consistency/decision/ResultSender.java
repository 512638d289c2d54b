package consistency.decision;

import consistency.wire.ResultCodec;
import consistency.wire.WindowResult;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays an engine in tests: writes results (or any bytes) to the real lab.results, keyed like the engines do. */
public final class ResultSender {

    private final String bootstrap;

    public ResultSender(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public RecordMetadata send(String key, String value) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            return producer.send(new ProducerRecord<>("lab.results", key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not send to lab.results", e);
        }
    }

    public RecordMetadata send(WindowResult result) {
        return send(result.businessKey(), ResultCodec.encode(result));
    }
}
