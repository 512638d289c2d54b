package consistency.processing;

import com.fasterxml.jackson.databind.JsonNode;
import consistency.wire.EventCodec;
import consistency.wire.ProgressMark;
import consistency.wire.WindowResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole job on an in-process Flink cluster: once on a bounded in-memory source, and once between topics of a
 * real Kafka (system property {@code kafka.bootstrap.servers}) with the exactly-once sink, read back with
 * {@code read_committed}.
 */
class ModeBJobIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(smallTaskManager())
            .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WINDOW = 10_000;

    private static Configuration smallTaskManager() {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("32m"));
        config.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("32m"));
        config.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("32m"));
        return config;
    }

    @Test
    void aBoundedInputBecomesDistinctWindowSumsAndDeadLetters() throws Exception {
        long base = Events.T0;
        List<String> records = new ArrayList<>();
        for (String key : List.of("b-1", "b-2")) {
            records.add(Events.json(key + "-e1", "run-b", key, 1, 10, Instant.ofEpochMilli(base + 1_000).toString()));
            records.add(Events.json(key + "-e2", "run-b", key, 2, 20, Instant.ofEpochMilli(base + 4_000).toString()));
            records.add(Events.json(key + "-e1", "run-b", key, 1, 10, Instant.ofEpochMilli(base + 1_000).toString()));
            records.add(Events.json(key + "-e3", "run-b", key, 3, 5, Instant.ofEpochMilli(base + 12_000).toString()));
        }
        records.add("{\"event_id\": 1");
        records.add(EventCodec.encode(new ProgressMark("run-b", Instant.ofEpochMilli(base + 12_000))));
        JobSettings settings = JobSettings.fromArgs("--parallelism", "2", "--checkpoint-interval-ms", "1000");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ModeBJob.configure(env, settings);
        List<String> values = List.copyOf(records);
        DataGeneratorSource<Incoming> source = new DataGeneratorSource<>(
                index -> EventDeserializer.toIncoming("in-memory", 0, index, null,
                        values.get(index.intValue()).getBytes(StandardCharsets.UTF_8)),
                values.size(), TypeInformation.of(Incoming.class));
        ModeBPipeline.Outputs outputs = ModeBPipeline.process(ModeBPipeline.read(env, source, settings), settings);
        CloseableIterator<WindowResult> results = outputs.results().collectAsync();
        CloseableIterator<DeadLetter> malformed = outputs.malformed().collectAsync();
        env.execute("bounded");

        List<String> got = new ArrayList<>();
        results.forEachRemaining(r -> got.add(r.businessKey() + "@" + (r.windowStart().toEpochMilli() - base) + "#" + r.revision()
                + "=" + r.calculatedValue() + "/" + r.eventCount()));
        assertThat(got).containsExactlyInAnyOrder("b-1@0#1=30/2", "b-1@10000#1=5/1", "b-2@0#1=30/2", "b-2@10000#1=5/1");
        List<DeadLetter> letters = new ArrayList<>();
        malformed.forEachRemaining(letters::add);
        assertThat(letters).as("a progress mark is not dead-lettered").singleElement()
                .satisfies(l -> assertThat(l.reason()).startsWith("not JSON"));
        results.close();
        malformed.close();
    }

    @Test
    void exactlyOnceResultsThroughARealKafka() throws Exception {
        String bootstrap = System.getProperty("kafka.bootstrap.servers", "");
        assumeTrue(!bootstrap.isBlank(),
                "no Kafka given: run with -Dkafka.bootstrap.servers=HOST:PORT to test the job against a real broker");

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String events = "it-flink-" + suffix + "-events";
        String results = "it-flink-" + suffix + "-results";
        String dlq = "it-flink-" + suffix + "-dlq";
        List<String> keys = List.of("it-" + suffix + "-acct-1", "it-" + suffix + "-acct-2", "it-" + suffix + "-acct-3");
        long base = Math.floorDiv(System.currentTimeMillis() - 600_000, WINDOW) * WINDOW;

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(events, 2, (short) 1), new NewTopic(results, 2, (short) 1),
                    new NewTopic(dlq, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            JobClient job = null;
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap);
                 KafkaConsumer<byte[], byte[]> resultConsumer = consumer(bootstrap, results, "read_committed")) {
                // Phase 1, per key: three windows, out of order within 1.5 s, with duplicates; keys interleaved in
                // event-time order like one source would send them; and one record that is not JSON.
                long[][] phase1 = {
                        {1_000, 10}, {3_500, 20}, {2_200, 30}, {3_500, 20}, {8_000, -5},
                        {11_000, 7}, {14_000, 11}, {12_500, 13}, {12_500, 13}, {19_900, 17},
                        {21_000, 100}, {27_500, 200}, {26_000, 300}};
                for (long[] e : phase1) {
                    for (int k = 0; k < keys.size(); k++) {
                        send(producer, events, keys.get(k), base + e[0], e[1] * (k + 1));
                    }
                }
                producer.send(new ProducerRecord<>(events, bytes(keys.get(0)), bytes("{\"event_id\": \"broken"))).get();
                // The source's progress on every partition, as the generator writes it: its clock passed window 2.
                byte[] mark = bytes(EventCodec.encode(new ProgressMark("it-" + suffix, Instant.ofEpochMilli(base + 40_000))));
                for (int partition = 0; partition < 2; partition++) {
                    producer.send(new ProducerRecord<>(events, partition, null, mark)).get();
                }
                producer.flush();

                JobSettings settings = JobSettings.fromArgs(
                        "--bootstrap", bootstrap, "--events-topic", events, "--results-topic", results,
                        "--dlq-topic", dlq, "--group-id", "it-flink-" + suffix, "--transactional-id-prefix", "it-flink-" + suffix,
                        "--window-size-ms", Long.toString(WINDOW), "--out-of-orderness-ms", "2000",
                        "--allowed-lateness-ms", "20000", "--checkpoint-interval-ms", "1000",
                        "--parallelism", "2");
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                ModeBJob.build(env, settings);
                job = env.executeAsync("it-mode-b");

                List<JsonNode> seen = new ArrayList<>();
                awaitResults(resultConsumer, seen, 60_000, all -> keys.stream().allMatch(key ->
                        IntStream.range(0, 3).allMatch(w -> has(all, key, base + w * WINDOW, 1))));

                // Phase 2, once every window has fired: window 2 takes a late event (within allowed lateness,
                // sent twice), window 0 is closed by then and gets a too-late one, window 1 a replayed duplicate.
                for (int k = 0; k < keys.size(); k++) {
                    send(producer, events, keys.get(k), base + 22_000, 1_000L * (k + 1));
                    send(producer, events, keys.get(k), base + 22_000, 1_000L * (k + 1));
                    send(producer, events, keys.get(k), base + 5_000, 5_000L * (k + 1));
                    send(producer, events, keys.get(k), base + 11_000, 7L * (k + 1));
                }
                producer.flush();
                awaitResults(resultConsumer, seen, 40_000, all -> keys.stream().allMatch(key ->
                        has(all, key, base, 2) && has(all, key, base + 2 * WINDOW, 2)));
                // Anything the job would wrongly emit next would be committed within a checkpoint or two.
                awaitResults(resultConsumer, seen, 2_500, all -> false);

                Set<String> identities = new HashSet<>();
                for (JsonNode r : seen) {
                    assertThat(identities.add(r.get("business_key").asText() + "@" + r.get("window_start").asText()
                            + "#" + r.get("revision").asInt())).as("no revision twice: %s", r).isTrue();
                    assertThat(r.get("processing_engine").asText()).isEqualTo("FLINK");
                }
                assertThat(seen).hasSize(keys.size() * 5);
                assertThat(seen).extracting(r -> r.get("incarnation").asText()).as("one attempt, no restart").containsOnly(
                        seen.get(0).get("incarnation").asText());

                for (int k = 0; k < keys.size(); k++) {
                    long m = k + 1;
                    String key = keys.get(k);
                    assertWindow(seen, key, base, List.of(1, 2), 55 * m, 4, 1);
                    assertWindow(seen, key, base + WINDOW, List.of(1), 48 * m, 4, 0);
                    assertWindow(seen, key, base + 2 * WINDOW, List.of(1, 2), 1_600 * m, 4, 0);
                    JsonNode correction = result(seen, key, base, 2);
                    assertThat(correction.get("late_update").asBoolean()).isTrue();
                    assertThat(correction.get("calculated_value").asLong()).as("a drop changes no value").isEqualTo(55 * m);
                    JsonNode recomputed = result(seen, key, base + 2 * WINDOW, 2);
                    assertThat(recomputed.get("late_update").asBoolean()).isTrue();
                    assertThat(recomputed.get("checkpoint_id").isNull()).as("checkpoints completed by then").isFalse();
                    assertThat(Instant.parse(recomputed.get("last_checkpoint_time").asText())).isBefore(
                            Instant.parse(recomputed.get("emitted_at").asText()).plusMillis(1));
                    assertThat(result(seen, key, base + 2 * WINDOW, 1).get("late_update").asBoolean()).isFalse();
                }

                List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
                try (KafkaConsumer<byte[], byte[]> dlqConsumer = consumer(bootstrap, dlq, "read_uncommitted")) {
                    long deadline = System.currentTimeMillis() + 15_000;
                    while (letters.size() < 1 + keys.size() && System.currentTimeMillis() < deadline) {
                        dlqConsumer.poll(Duration.ofMillis(200)).forEach(letters::add);
                    }
                }
                assertThat(letters).filteredOn(l -> header(l, "dead-letter-kind").equals("MALFORMED")).singleElement()
                        .satisfies(l -> {
                            assertThat(new String(l.value(), StandardCharsets.UTF_8)).isEqualTo("{\"event_id\": \"broken");
                            assertThat(header(l, "dead-letter-reason")).startsWith("not JSON");
                            assertThat(header(l, "dead-letter-topic")).isEqualTo(events);
                        });
                assertThat(letters).filteredOn(l -> header(l, "dead-letter-kind").equals("TOO_LATE"))
                        .extracting(l -> JSON.readTree(l.value()).get("amount").asLong())
                        .containsExactlyInAnyOrder(5_000L, 10_000L, 15_000L);
            } finally {
                if (job != null) {
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
                admin.deleteTopics(List.of(events, results, dlq)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertWindow(List<JsonNode> seen, String key, long start, List<Integer> revisions, long value,
                                     int count, int dropped) {
        List<JsonNode> window = seen.stream().filter(r -> r.get("business_key").asText().equals(key)
                && r.get("window_start").asText().equals(Instant.ofEpochMilli(start).toString())).toList();
        assertThat(window).extracting(r -> r.get("revision").asInt()).as("revisions of %s@%s", key, start)
                .containsExactlyInAnyOrderElementsOf(revisions);
        JsonNode last = window.stream().max((a, b) -> a.get("revision").asInt() - b.get("revision").asInt()).orElseThrow();
        assertThat(last.get("calculated_value").asLong()).as("final value of %s@%s", key, start).isEqualTo(value);
        assertThat(last.get("event_count").asInt()).isEqualTo(count);
        assertThat(last.get("dropped_late_events").asInt()).isEqualTo(dropped);
        assertThat(last.get("window_end").asText()).isEqualTo(Instant.ofEpochMilli(start + WINDOW).toString());
    }

    private static boolean has(List<JsonNode> all, String key, long start, int revision) {
        return all.stream().anyMatch(r -> r.get("business_key").asText().equals(key)
                && r.get("window_start").asText().equals(Instant.ofEpochMilli(start).toString())
                && r.get("revision").asInt() == revision);
    }

    private static JsonNode result(List<JsonNode> all, String key, long start, int revision) {
        return all.stream().filter(r -> r.get("business_key").asText().equals(key)
                && r.get("window_start").asText().equals(Instant.ofEpochMilli(start).toString())
                && r.get("revision").asInt() == revision).findFirst().orElseThrow();
    }

    private static void awaitResults(KafkaConsumer<byte[], byte[]> consumer, List<JsonNode> seen, long timeoutMs,
                                     Predicate<List<JsonNode>> done) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!done.test(seen)) {
            if (System.currentTimeMillis() > deadline) {
                if (timeoutMs < 10_000) {
                    return;
                }
                throw new AssertionError("results did not arrive in " + timeoutMs + " ms; got " + seen);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                JsonNode result = JSON.readTree(record.value());
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(result.get("business_key").asText());
                seen.add(result);
            }
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, long eventTime, long amount) {
        String id = key + "@" + eventTime;
        producer.send(new ProducerRecord<>(topic, bytes(key),
                bytes(Events.json(id, "it-run", key, eventTime, amount, Instant.ofEpochMilli(eventTime).toString()))));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String topic, String isolation) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
