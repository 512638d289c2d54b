package consistency.generator;

import consistency.wire.EventCodec;
import consistency.wire.LabEvent;
import consistency.wire.ProgressMark;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Sends a run's plan to {@code lab.events}: events keyed by business key, in plan order, and before each the
 * progress marks due there, one to every partition. Each chunk waits for the broker's acknowledgement of all its
 * records, so progress counts only what Kafka has stored; {@code produce_time} is stamped as each event is handed
 * to the producer. Marks are not paced and not counted as events.
 */
@ApplicationScoped
public class EventPublisher {

    static final String CHANNEL = "events-out";
    static final int MAX_CHUNK = 500;

    private final Emitter<String> emitter;
    private final KafkaClientService kafka;
    private final String topic;

    /** Unbounded, yet bounded by the sending: a chunk is at most MAX_CHUNK events and a mark per partition each. */
    public EventPublisher(@Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> emitter, KafkaClientService kafka,
                          @ConfigProperty(name = "mp.messaging.outgoing.events-out.topic") String topic) {
        this.emitter = emitter;
        this.kafka = kafka;
        this.topic = topic;
    }

    /**
     * @param eventsPerSecond pace of sending, or null for as fast as the broker acknowledges
     * @param progress        called with the number of acknowledged events after each chunk
     * @return the number of events acknowledged
     */
    public Uni<Integer> send(EventPlan plan, Integer eventsPerSecond, IntFunction<Uni<Void>> progress) {
        List<Emission> emissions = plan.emissions();
        Map<Integer, List<Instant>> marks = new HashMap<>();
        plan.progress().forEach(m -> marks.computeIfAbsent(m.beforeEmission(), i -> new ArrayList<>()).add(m.reached()));
        int chunk = eventsPerSecond == null ? MAX_CHUNK : Math.max(1, Math.min(MAX_CHUNK, eventsPerSecond / 10));
        int chunks = (emissions.size() + chunk - 1) / chunk;
        long startNanos = System.nanoTime();
        return kafka.getProducer(CHANNEL).partitionsFor(topic).map(List::size).chain(partitions -> {
            Sends sends = new Sends(plan.runId(), marks, partitions);
            return Multi.createFrom().range(0, chunks)
                    .onItem().transformToUniAndConcatenate(c -> {
                        int from = c * chunk;
                        int to = Math.min(emissions.size(), from + chunk);
                        return pace(startNanos, from, eventsPerSecond)
                                .chain(() -> sends.events(emissions.subList(from, to), from))
                                .chain(() -> progress.apply(to))
                                .replaceWith(to);
                    })
                    .collect().last()
                    .chain(sent -> sends.closing(emissions.size()).replaceWith(sent == null ? 0 : sent));
        });
    }

    private static Uni<Void> pace(long startNanos, int alreadySent, Integer eventsPerSecond) {
        if (eventsPerSecond == null) {
            return Uni.createFrom().voidItem();
        }
        long dueNanos = startNanos + alreadySent * 1_000_000_000L / eventsPerSecond;
        long waitMillis = Math.ceilDiv(dueNanos - System.nanoTime(), 1_000_000L);
        Uni<Void> now = Uni.createFrom().voidItem();
        return waitMillis <= 0 ? now : now.onItem().delayIt().by(Duration.ofMillis(waitMillis));
    }

    /** One run's sends: each call hands its records to the producer in order and completes once all are stored. */
    private final class Sends {
        private final String runId;
        private final Map<Integer, List<Instant>> marks;
        private final int partitions;

        Sends(String runId, Map<Integer, List<Instant>> marks, int partitions) {
            this.runId = runId;
            this.marks = marks;
            this.partitions = partitions;
        }

        /** {@code chunk}, the plan's emissions from index {@code first}, each after the marks due before it. */
        Uni<Void> events(List<Emission> chunk, int first) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                marks(first + i, acks);
                LabEvent event = chunk.get(i).event().producedAt(Instant.now());
                acks.add(send(KafkaRecord.of(event.businessKey(), EventCodec.encode(event))));
            }
            return all(acks);
        }

        /** The marks after the last emission, the closing mark among them. */
        Uni<Void> closing(int emissions) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            marks(emissions, acks);
            return all(acks);
        }

        private void marks(int beforeEmission, List<CompletableFuture<Void>> acks) {
            for (Instant reached : marks.getOrDefault(beforeEmission, List.of())) {
                String json = EventCodec.encode(new ProgressMark(runId, reached));
                for (int p = 0; p < partitions; p++) {
                    acks.add(send(Message.of(json).addMetadata(
                            OutgoingKafkaRecordMetadata.<String>builder().withPartition(p).build())));
                }
            }
        }

        private static Uni<Void> all(List<CompletableFuture<Void>> acks) {
            return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
        }
    }

    private CompletableFuture<Void> send(Message<String> message) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        emitter.send(message
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }
}
