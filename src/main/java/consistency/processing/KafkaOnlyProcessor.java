package consistency.processing;

import consistency.wire.EventCodec;
import consistency.wire.LabEvent;
import consistency.wire.ProgressMark;
import consistency.wire.ResultCodec;
import consistency.wire.SourceRecord;
import consistency.wire.WindowResult;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Mode A, the Kafka-only processor: consumes {@code lab.events} (channel {@code events-in}), keeps windows and
 * de-duplication in memory ({@link KafkaOnlyWindows}) and publishes results to {@code lab.results} (channel
 * {@code results-out}). Active only in the {@code processor} configuration profile, where it is its own process.
 *
 * <p>Offsets: the connector commits nothing by itself ({@code commit-strategy=ignore}); every
 * {@code lab.processor.commit-interval-ms} this class commits, per partition, the offsets of records already
 * applied to the in-memory state (or, for a record that is malformed or fails to apply, already stored on the
 * dead-letter topic;
 * a progress mark, once read). The time of the last successful commit is each result's
 * {@code last_checkpoint_time}. A restart therefore loses the open windows and the events applied since the last
 * commit are read again: windows come out partial or twice, under a new {@code incarnation}. That is the weakness
 * this mode exists to show; results of windows the restart may have cut carry {@code resumed = true}, so the
 * decision layer does not trust them.
 */
@ApplicationScoped
public class KafkaOnlyProcessor {

    static final String EVENTS_CHANNEL = "events-in";
    static final String RESULTS_CHANNEL = "results-out";
    static final String INCARNATION_HEADER = "lab-incarnation";

    private static final Logger LOG = Logger.getLogger(KafkaOnlyProcessor.class);

    private final String incarnation = "kafka-only-" + HexFormat.of().toHexDigits(new SecureRandom().nextInt());
    private final KafkaOnlyWindows windows;
    private final ProcessedOffsets offsets = new ProcessedOffsets();
    private final Emitter<String> results;
    private final KafkaClientService kafka;
    private final Vertx vertx;
    private final String eventsTopic;
    private final long commitIntervalMs;
    private final long idleCheckMs;

    /** Says which processor start dead-lettered a record, beside the connector's reason, topic, partition and offset. */
    private final Metadata deadLetterMetadata = Metadata.of(OutgoingKafkaRecordMetadata.builder()
            .withHeaders(List.of(new RecordHeader(INCARNATION_HEADER, incarnation.getBytes(StandardCharsets.UTF_8))))
            .build());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean committing = new AtomicBoolean();
    private volatile Instant lastCommitTime;
    private volatile long idleTimer = -1;
    private volatile long commitTimer = -1;

    public KafkaOnlyProcessor(
            @Channel(RESULTS_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65_536)
            Emitter<String> results,
            KafkaClientService kafka,
            Vertx vertx,
            @ConfigProperty(name = "mp.messaging.incoming.events-in.topic", defaultValue = "lab.events") String eventsTopic,
            @ConfigProperty(name = "lab.window.size-ms") long windowSizeMs,
            @ConfigProperty(name = "lab.processor.grace-ms") long graceMs,
            @ConfigProperty(name = "lab.processor.idle-close-ms") long idleCloseMs,
            @ConfigProperty(name = "lab.processor.dedup-capacity") int dedupCapacity,
            @ConfigProperty(name = "lab.processor.retained-windows") int retainedWindows,
            @ConfigProperty(name = "lab.processor.commit-interval-ms") long commitIntervalMs) {
        this.results = results;
        this.kafka = kafka;
        this.vertx = vertx;
        this.eventsTopic = eventsTopic;
        this.commitIntervalMs = commitIntervalMs;
        this.idleCheckMs = idleCloseMs > 0 ? Math.max(50, Math.min(1000, idleCloseMs / 4)) : 0;
        this.windows = new KafkaOnlyWindows(
                new KafkaOnlyWindows.Settings(windowSizeMs, graceMs, idleCloseMs, dedupCapacity, retainedWindows),
                incarnation, () -> lastCommitTime);
    }

    @Incoming(EVENTS_CHANNEL)
    public CompletionStage<Void> process(Message<byte[]> record) {
        startTimers();
        IncomingKafkaRecordMetadata<?, ?> kafkaMetadata = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a record of " + EVENTS_CHANNEL + " without Kafka metadata"));
        int partition = kafkaMetadata.getPartition();
        long offset = kafkaMetadata.getOffset();
        offsets.received(partition, offset);
        try {
            apply(partition, offset, EventCodec.decode(record.getPayload()));
        } catch (RuntimeException failed) {
            // Malformed, or valid yet failing to apply: either way a poison record, which must not stay in flight
            // (that would stop this partition's commits) nor escape to the connector.
            LOG.warnf("Record at %s-%d@%d sent to the dead-letter topic: %s",
                    kafkaMetadata.getTopic(), partition, offset, failed.getMessage());
            // The dead-letter failure strategy completes the nack once the record is stored there.
            return record.nack(failed, deadLetterMetadata).handle((stored, failure) -> {
                if (failure == null) {
                    offsets.processed(partition, offset);
                } else {
                    LOG.errorf(failure, "Record %d@%d could not be dead-lettered; "
                            + "offsets of partition %d are no longer committed", offset, partition, partition);
                }
                return null;
            });
        }
        offsets.processed(partition, offset);
        return record.ack();
    }

    private void apply(int partition, long offset, SourceRecord decoded) {
        synchronized (windows) {
            switch (decoded) {
                case LabEvent event -> publish(windows.accept(partition, offset, event, Instant.now()));
                case ProgressMark mark -> publish(windows.advance(partition, offset, mark.eventTime(), Instant.now()));
            }
        }
    }

    /** Called with the monitor of {@link #windows} held, so results leave in the order they were computed. */
    private void publish(List<WindowResult> emitted) {
        for (WindowResult result : emitted) {
            String json = ResultCodec.encode(result);
            try {
                results.send(KafkaRecord.of(result.businessKey(), json).withNack(failure -> {
                    LOG.errorf(failure, "Result lost, lab.results did not take it: %s", json);
                    return CompletableFuture.completedFuture(null);
                }));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Result lost, the results channel refused it: %s", json);
            }
        }
    }

    private void startTimers() {
        if (started.compareAndSet(false, true)) {
            LOG.infof("Mode A processor %s consuming %s", incarnation, eventsTopic);
            if (idleCheckMs > 0) {
                idleTimer = vertx.setPeriodic(idleCheckMs, id -> closeIdle());
            }
            commitTimer = vertx.setPeriodic(commitIntervalMs, id -> commit());
        }
    }

    private void closeIdle() {
        try {
            synchronized (windows) {
                publish(windows.closeIdle(Instant.now()));
            }
        } catch (RuntimeException e) {
            LOG.error("Idle close failed", e);
        }
    }

    private void commit() {
        if (!committing.compareAndSet(false, true)) {
            return;
        }
        Map<Integer, Long> positions = offsets.toCommit();
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(EVENTS_CHANNEL);
        if (positions.isEmpty() || consumer == null) {
            committing.set(false);
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        positions.forEach((partition, position) ->
                commit.put(new TopicPartition(eventsTopic, partition), new OffsetAndMetadata(position)));
        consumer.commit(commit).subscribe().with(done -> {
            offsets.committed(positions);
            lastCommitTime = Instant.now();
            committing.set(false);
            LOG.debugf("Committed %s", positions);
        }, failure -> {
            committing.set(false);
            LOG.warnf("Offset commit of %s failed, retried in %d ms: %s", positions, commitIntervalMs, failure.toString());
        });
    }

    @PreDestroy
    void stop() {
        if (idleTimer >= 0) {
            vertx.cancelTimer(idleTimer);
        }
        if (commitTimer >= 0) {
            vertx.cancelTimer(commitTimer);
        }
    }

    /** The id stamped on every result of this process start. */
    public String incarnation() {
        return incarnation;
    }

    /** Time of the last successful offset commit, null before the first. */
    public Instant lastCommitTime() {
        return lastCommitTime;
    }
}
