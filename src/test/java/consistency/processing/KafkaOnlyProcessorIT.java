package consistency.processing;

import consistency.oracle.Oracle;
import consistency.oracle.WindowTruth;
import consistency.wire.EventCodec;
import consistency.wire.LabEvent;
import consistency.wire.ProgressMark;
import consistency.wire.ResultCodec;
import consistency.wire.WindowResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Mode A against the real Kafka of the lab: a small run with duplicates, out-of-order and late events and
 * malformed records in between. Every window reaches {@code lab.results} with the value the oracle expects,
 * late events come out as late updates, every malformed record is on {@code lab.events.dlq} byte for byte with
 * its reason, and the processed offsets get committed.
 */
@QuarkusTest
@TestProfile(KafkaOnlyProcessorIT.ProcessorProfile.class)
class KafkaOnlyProcessorIT {

    private static final long WINDOW = 10_000;
    private static final String SUFFIX = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    /** The processor process, in a consumer group of its own that starts at the end of the shared topic. */
    public static class ProcessorProfile implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "processor";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.events-in.group.id", "lab-mode-a-it-" + SUFFIX,
                    "mp.messaging.incoming.events-in.auto.offset.reset", "latest");
        }
    }

    @Inject
    KafkaClientService kafka;

    @Inject
    KafkaOnlyProcessor processor;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.incoming.events-in.group.id")
    String groupId;

    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    /** A record produced to lab.events. */
    record Sent(byte[] key, byte[] value) {
    }

    @Test
    void processesARunAndDeadLettersMalformedRecords() throws Exception {
        awaitConsumerPositioned();
        String runId = "it-mode-a-" + SUFFIX;
        List<String> keys = List.of(runId + "-acct-0000", runId + "-acct-0001", runId + "-acct-0002");
        Instant base = Oracle.windowStart(Instant.now(), WINDOW).minusSeconds(60);

        var results = tail("lab.results");
        var deadLetters = tail("lab.events.dlq");

        // Per key: 25 events 1 s apart over three windows, keys interleaved as a source would send them, each
        // second pair swapped (out of order within grace), every fifth event sent twice; then a late event per
        // key for its first window, long closed by then.
        List<List<LabEvent>> streams = new ArrayList<>();
        Map<String, LabEvent> lateByKey = new LinkedHashMap<>();
        for (int k = 0; k < keys.size(); k++) {
            String key = keys.get(k);
            List<LabEvent> stream = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                stream.add(event(runId, key, i, (k + 1) * 100L - i * 7L, base.plusMillis(i * 1_000L + 250)));
            }
            for (int i = 1; i + 1 < stream.size(); i += 4) {
                stream.set(i, stream.set(i + 1, stream.get(i)));
            }
            streams.add(stream);
            lateByKey.put(key, event(runId, key, 25, 1_000L * (k + 1), base.plusMillis(4_321)));
        }
        List<LabEvent> events = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            for (List<LabEvent> stream : streams) {
                LabEvent e = stream.get(i);
                events.add(e);
                records.add(record(e.businessKey(), EventCodec.encode(e).getBytes(StandardCharsets.UTF_8)));
                if (i % 5 == 0) {
                    records.add(record(e.businessKey(), EventCodec.encode(e).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        // Malformed records between the run's events, keyed like the first key so they share its partition.
        String key0 = keys.get(0);
        LabEvent template = event(runId, key0, 99, 1, base.plusMillis(3_000));
        String valid = EventCodec.encode(template);
        List<Sent> malformed = List.of(
                new Sent(bytes(key0), bytes("{\"event_id\": \"" + runId + "-broken\", not json")),
                new Sent(bytes(key0), bytes("{\"event_id\":\"" + runId + "-m2\",\"run_id\":\"" + runId + "\"}")),
                new Sent(bytes(key0), bytes(valid.replace("\"amount\":1", "\"amount\":\"12x\""))),
                new Sent(bytes(key0), bytes(valid.replaceAll(",\"event_time\":\"[^\"]+\"", ""))),
                new Sent(bytes(key0), concat(new byte[]{(byte) 0xC3, (byte) 0x28}, bytes(runId))),
                // Well-formed but poison: values no window may be computed on (both engines refuse them alike).
                new Sent(bytes(key0), bytes(valid.replace("\"sequence\":99", "\"sequence\":-1"))),
                new Sent(bytes(key0), bytes(valid.replaceAll("\"event_time\":\"[^\"]+\"",
                        "\"event_time\":\"+300000-01-01T00:00:00.000Z\""))),
                new Sent(bytes(key0), bytes(valid.replace("\"amount\":1", "\"amount\":9223372036854775807"))));
        List<String> reasons = List.of("not JSON", "missing field business_key", "field amount must be an integer",
                "missing field event_time", "not UTF-8", "field sequence must be between 0",
                "field event_time is out of range", "field amount must be between");
        for (int m = 0; m < malformed.size(); m++) {
            records.add(10 + 7 * m, new ProducerRecord<>("lab.events", malformed.get(m).key(), malformed.get(m).value()));
        }
        lateByKey.forEach((key, late) -> {
            events.add(late);
            records.add(record(key, EventCodec.encode(late).getBytes(StandardCharsets.UTF_8)));
        });
        // The source's closing progress mark, last on every partition as the generator writes it: one window past
        // the last event, so it closes every window; skipped, not dead-lettered, its offset committed.
        byte[] mark = bytes(EventCodec.encode(new ProgressMark(runId, base.plusMillis(4 * WINDOW))));
        for (int partition = 0; partition < partitions(); partition++) {
            records.add(new ProducerRecord<>("lab.events", partition, null, mark));
        }

        Map<Integer, Long> lastOffsets = produce(records);
        List<WindowTruth> truth = Oracle.windows(events, WINDOW);
        assertThat(truth).hasSize(9);

        List<WindowResult> emitted = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> deadMarks = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            collect(results, processor.incarnation(), runId, emitted);
            deadLetters.poll(Duration.ofMillis(100)).forEach(r -> {
                if (processor.incarnation().equals(header(r, KafkaOnlyProcessor.INCARNATION_HEADER))
                        && malformed.stream().anyMatch(m -> Arrays.equals(m.value(), r.value()))) {
                    dead.add(r);
                }
                if (Arrays.equals(mark, r.value())) {
                    deadMarks.add(r);
                }
            });
            assertThat(latestPerWindow(emitted)).isEqualTo(expected(truth));
            assertThat(dead).hasSize(malformed.size());
        });
        assertThat(deadMarks).as("a progress mark is not dead-lettered").isEmpty();

        // Each window: revision 1 when it closed, the first window of each key re-emitted by its late event.
        Map<String, List<WindowResult>> byWindow = byWindow(emitted);
        assertThat(emitted).hasSize(truth.size() + keys.size());
        String window0 = Oracle.windowStart(base, WINDOW).toString();
        for (String key : keys) {
            List<WindowResult> first = byWindow.get(key + "@" + window0);
            long lateAmount = lateByKey.get(key).amount();
            assertThat(first).extracting(WindowResult::revision, WindowResult::lateUpdate)
                    .containsExactly(tuple(1, false), tuple(2, true));
            assertThat(first.get(1).calculatedValue() - first.get(0).calculatedValue()).isEqualTo(lateAmount);
            assertThat(first.get(1).eventCount()).isEqualTo(first.get(0).eventCount() + 1);
        }
        byWindow.forEach((window, revisions) -> assertThat(revisions).extracting(WindowResult::revision)
                .as(window).isEqualTo(IntStream.rangeClosed(1, revisions.size()).boxed().toList()));
        assertThat(emitted).allSatisfy(r -> {
            assertThat(r.processingEngine()).isEqualTo(WindowResult.Engine.KAFKA_ONLY);
            assertThat(r.incarnation()).matches("kafka-only-[0-9a-f]{8}");
            assertThat(r.windowEnd()).isEqualTo(r.windowStart().plusMillis(WINDOW));
            assertThat(r.checkpointId()).isNull();
            assertThat(r.droppedLateEvents()).isZero();
            assertThat(r.emittedAt()).isNotNull();
            assertThat(r.runId()).isEqualTo(runId);
            if (r.lastCheckpointTime() != null) {
                assertThat(r.lastCheckpointTime()).isBeforeOrEqualTo(r.emittedAt());
            }
        });

        for (int m = 0; m < malformed.size(); m++) {
            Sent sent = malformed.get(m);
            ConsumerRecord<byte[], byte[]> letter = dead.stream()
                    .filter(r -> Arrays.equals(sent.value(), r.value())).findFirst().orElseThrow();
            assertThat(letter.key()).isEqualTo(sent.key());
            assertThat(header(letter, "dead-letter-reason")).as("reason of malformed record %d", m).contains(reasons.get(m));
            assertThat(header(letter, "dead-letter-topic")).isEqualTo("lab.events");
            assertThat(header(letter, "dead-letter-offset")).isNotBlank();
        }

        // Offsets of everything processed, malformed records and the progress mark included, are committed; a result emitted after
        // that commit carries its time.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
                lastOffsets.forEach((partition, offset) -> assertThat(committed.get(new TopicPartition("lab.events", partition)))
                        .as("partition %d", partition).isNotNull()
                        .extracting(OffsetAndMetadata::offset).asInstanceOf(InstanceOfAssertFactories.LONG)
                        .isGreaterThan(offset));
            });
        }
        Instant commitSeen = processor.lastCommitTime();
        assertThat(commitSeen).isNotNull();
        String window1 = Oracle.windowStart(base, WINDOW).plusMillis(WINDOW).toString();
        LabEvent lateAgain = event(runId, key0, 26, -5, base.plusMillis(WINDOW + 1_500));
        events.add(lateAgain);
        produce(List.of(record(key0, EventCodec.encode(lateAgain).getBytes(StandardCharsets.UTF_8))));
        List<WindowTruth> finalTruth = Oracle.windows(events, WINDOW);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            collect(results, processor.incarnation(), runId, emitted);
            assertThat(latestPerWindow(emitted)).isEqualTo(expected(finalTruth));
        });
        WindowResult last = byWindow(emitted).get(key0 + "@" + window1).getLast();
        assertThat(last.revision()).isEqualTo(2);
        assertThat(last.lateUpdate()).isTrue();
        assertThat(last.lastCheckpointTime()).isNotNull().isAfterOrEqualTo(commitSeen).isBeforeOrEqualTo(last.emittedAt());
    }

    @Test
    void readinessDoesNotDependOnPostgresql() {
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("events-in").doesNotContainIgnoringCase("database")
                .doesNotContainIgnoringCase("postgresql");
    }

    private static LabEvent event(String runId, String key, long sequence, long amount, Instant eventTime) {
        return new LabEvent(key + "-e" + sequence, runId, key, sequence, amount, eventTime, Instant.now());
    }

    private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>("lab.events", bytes(key), value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private int partitions() {
        try (var probe = consumer()) {
            return probe.partitionsFor("lab.events").size();
        }
    }

    /** Waits until the processor's consumer holds a position on every partition, so nothing produced is skipped. */
    private void awaitConsumerPositioned() {
        int partitions = partitions();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            KafkaConsumer<Object, Object> consumer = kafka.getConsumer(KafkaOnlyProcessor.EVENTS_CHANNEL);
            assertThat(consumer).isNotNull();
            assertThat(consumer.getPositions().await().atMost(Duration.ofSeconds(10))).hasSize(partitions);
        });
    }

    private Consumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new org.apache.kafka.clients.consumer.KafkaConsumer<>(props);
    }

    /** A consumer of the whole topic positioned at its current end. */
    private Consumer<byte[], byte[]> tail(String topic) {
        var consumer = consumer();
        clients.add(consumer);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private Map<Integer, Long> produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Map<Integer, Long> lastOffsets = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                acks.add(producer.send(record));
            }
            for (var ack : acks) {
                RecordMetadata metadata = ack.get();
                lastOffsets.merge(metadata.partition(), metadata.offset(), Math::max);
            }
        }
        return lastOffsets;
    }

    /** Adds this processor's results of the run (another processor on the same topic may emit its own). */
    private static void collect(Consumer<byte[], byte[]> results, String incarnation, String runId,
                                List<WindowResult> into) {
        for (ConsumerRecord<byte[], byte[]> record : results.poll(Duration.ofMillis(100))) {
            WindowResult result = ResultCodec.decode(new String(record.value(), StandardCharsets.UTF_8));
            if (runId.equals(result.runId()) && incarnation.equals(result.incarnation())) {
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(result.businessKey());
                into.add(result);
            }
        }
    }

    private static Map<String, List<WindowResult>> byWindow(List<WindowResult> results) {
        return results.stream().collect(Collectors.groupingBy(r -> r.businessKey() + "@" + r.windowStart(),
                Collectors.collectingAndThen(Collectors.toList(), l -> l.stream()
                        .sorted(Comparator.comparingInt(WindowResult::revision)).toList())));
    }

    /** key@window -> [value, count] of the highest revision. */
    private static Map<String, List<Long>> latestPerWindow(List<WindowResult> results) {
        Map<String, List<Long>> latest = new HashMap<>();
        byWindow(results).forEach((window, revisions) -> {
            WindowResult last = revisions.getLast();
            latest.put(window, List.of(last.calculatedValue(), (long) last.eventCount()));
        });
        return latest;
    }

    private static Map<String, List<Long>> expected(List<WindowTruth> truth) {
        Map<String, List<Long>> expected = new HashMap<>();
        truth.forEach(t -> expected.put(t.businessKey() + "@" + t.windowStart(),
                List.of(t.expectedValue(), (long) t.expectedCount())));
        return expected;
    }
}
