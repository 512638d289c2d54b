package consistency.decision;

import consistency.store.DecisionStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Consumes {@code lab.results} (read_committed) one record at a time. A record is acknowledged only after its
 * transaction committed, so a crash at any moment re-delivers it and result_log turns the re-delivery into a no-op.
 * A database failure is retried with back-off rather than skipping the record.
 */
@ApplicationScoped
public class DecisionConsumer {

    private static final Logger LOG = Logger.getLogger(DecisionConsumer.class);

    private final DecisionStore store;
    private final ConfidenceStream stream;

    public DecisionConsumer(DecisionStore store, ConfidenceStream stream) {
        this.store = store;
        this.stream = stream;
    }

    @Incoming("results-in")
    public Uni<Void> consume(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        DecisionStore.Consumed record = new DecisionStore.Consumed(kafka.getTopic(), kafka.getPartition(),
                kafka.getOffset(), message.getPayload() == null ? "" : message.getPayload());
        return store.apply(record)
                .onFailure().invoke(e -> LOG.warnf("Result %s-%d@%d not applied yet, retrying: %s", record.topic(),
                        record.partition(), record.offset(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(decision -> decision.filter(Decision::confidenceChanged)
                        .ifPresent(d -> stream.publish(ConfidenceChange.of(d))))
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }
}
