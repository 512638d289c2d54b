package consistency.generator;

import consistency.wire.EventCodec;
import consistency.wire.LabEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Sends planned events to {@code lab.events}, keyed by business key, in plan order. Each chunk waits for
 * the broker's acknowledgement of all its records, so progress counts only what Kafka has stored;
 * {@code produce_time} is stamped as each record is handed to the producer.
 */
@ApplicationScoped
public class EventPublisher {

    static final int MAX_CHUNK = 500;

    private final Emitter<String> emitter;

    public EventPublisher(@Channel("events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * MAX_CHUNK)
                          Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * @param eventsPerSecond pace of sending, or null for as fast as the broker acknowledges
     * @param progress        called with the number of acknowledged sends after each chunk
     * @return the number of sends acknowledged
     */
    public Uni<Integer> send(List<Emission> emissions, Integer eventsPerSecond, IntFunction<Uni<Void>> progress) {
        int chunk = eventsPerSecond == null ? MAX_CHUNK : Math.max(1, Math.min(MAX_CHUNK, eventsPerSecond / 10));
        int chunks = (emissions.size() + chunk - 1) / chunk;
        long startNanos = System.nanoTime();
        return Multi.createFrom().range(0, chunks)
                .onItem().transformToUniAndConcatenate(c -> {
                    int from = c * chunk;
                    int to = Math.min(emissions.size(), from + chunk);
                    return pace(startNanos, from, eventsPerSecond)
                            .chain(() -> sendChunk(emissions.subList(from, to)))
                            .chain(() -> progress.apply(to))
                            .replaceWith(to);
                })
                .collect().last()
                .map(sent -> sent == null ? 0 : sent);
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

    private Uni<Void> sendChunk(List<Emission> chunk) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(chunk.size());
        for (Emission emission : chunk) {
            LabEvent event = emission.event().producedAt(Instant.now());
            CompletableFuture<Void> ack = new CompletableFuture<>();
            emitter.send(KafkaRecord.of(event.businessKey(), EventCodec.encode(event))
                    .withAck(() -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        ack.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
            acks.add(ack);
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    }
}
