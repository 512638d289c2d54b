package lab.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import lab.stack.LabException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from given offsets without a consumer group, each {@link #drain} up to the end as of that call:
 * with {@code committedOnly}, the last stable offset (what the decision layer can see), otherwise the high
 * watermark (records of open transactions included).
 */
public final class Tap implements AutoCloseable {

    /** One record's place and its value as JSON; values that are not JSON are skipped. */
    public record Record(int partition, long offset, JsonNode value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(20);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    public Tap(String bootstrap, Map<TopicPartition, Long> from, boolean committedOnly) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partitions = List.copyOf(from.keySet());
        consumer.assign(partitions);
        from.forEach(consumer::seek);
    }

    /** Moves the next drain to these offsets (of the partitions the tap reads), e.g. back to re-read them. */
    public void seek(Map<TopicPartition, Long> from) {
        from.forEach(consumer::seek);
    }

    /** Every record from where the last drain ended up to the current end. */
    public List<Record> drain() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        List<Record> read = new ArrayList<>();
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new LabException("could not read " + partitions + " to " + ends + " within " + DRAIN_LIMIT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                JsonNode value = json(r.value());
                if (value != null) {
                    read.add(new Record(r.partition(), r.offset(), value));
                }
            }
        }
        return read;
    }

    private static JsonNode json(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
