package lab.kafka;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lab.stack.LabException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker says about the pipeline's progress: end offsets (with and without open transactions) and the
 * offsets a consumer group has committed. Pipeline states are read from here, never guessed from elapsed time.
 */
public final class Topics implements AutoCloseable {

    private static final long TIMEOUT_S = 30;

    private final Admin admin;

    /** With the client's usual patience: a loaded machine answers slowly, and a fault must not fail for that. */
    public Topics(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.admin = Admin.create(props);
    }

    public List<TopicPartition> partitions(String topic) {
        return await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** The next offset to be written, per partition (the high watermark: open transactions included). */
    public Map<TopicPartition, Long> ends(String topic) {
        return offsets(topic, IsolationLevel.READ_UNCOMMITTED);
    }

    /** The last stable offset per partition: what a read_committed consumer can read up to. */
    public Map<TopicPartition, Long> stableEnds(String topic) {
        return offsets(topic, IsolationLevel.READ_COMMITTED);
    }

    /** Partitions of {@code topic} where a transaction is open (its last stable offset is behind its end). */
    public List<TopicPartition> openTransactions(String topic) {
        Map<TopicPartition, Long> ends = ends(topic);
        Map<TopicPartition, Long> stable = stableEnds(topic);
        return ends.keySet().stream().filter(p -> stable.get(p) < ends.get(p))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /** The group's committed offsets of {@code topic}; a partition without one is absent. */
    public Map<TopicPartition, Long> committed(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> all = await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        all.forEach((p, o) -> {
            if (o != null && p.topic().equals(topic)) {
                offsets.put(p, o.offset());
            }
        });
        return offsets;
    }

    /** Records of {@code topic} before {@code targets} that the group has not committed past, summed. */
    public long behind(String group, String topic, Map<TopicPartition, Long> targets) {
        Map<TopicPartition, Long> committed = committed(group, topic);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            behind += Math.max(0, target.getValue() - committed.getOrDefault(target.getKey(), 0L));
        }
        return behind;
    }

    /** Offsets by partition number, in order: how they are printed. */
    public static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> sorted = new TreeMap<>();
        offsets.forEach((p, offset) -> sorted.put(p.partition(), offset));
        return sorted;
    }

    private Map<TopicPartition, Long> offsets(String topic, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions(topic).forEach(p -> request.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        await(admin.listOffsets(request, new ListOffsetsOptions(isolation)).all())
                .forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LabException("Kafka did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
