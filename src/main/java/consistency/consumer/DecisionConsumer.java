package consistency.consumer;

import consistency.decision.ConfidenceChange;
import consistency.decision.Decision;
import consistency.store.DatabaseFailures;
import consistency.store.DecisionStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Consumes {@code lab.results} (read_committed) one record at a time, as bytes: a record that is not UTF-8 is
 * logged with its bytes escaped rather than silently decoded with replacement characters. A record is acknowledged only after its
 * transaction committed, so a crash at any moment re-delivers it and result_log turns the re-delivery into a no-op.
 * A transient database failure ({@link DatabaseFailures#isTransient}) is retried with back-off rather than skipping
 * the record; any other failure would fail on every retry and stop the partition for good, so the record is
 * logged in result_log as not stored, with the error, and the partition moves on.
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
    public Uni<Void> consume(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        byte[] bytes = message.getPayload() == null ? new byte[0] : message.getPayload();
        String text = DatabaseFailures.utf8(bytes);
        DecisionStore.Consumed record = new DecisionStore.Consumed(kafka.getTopic(), kafka.getPartition(),
                kafka.getOffset(), text != null ? text : DatabaseFailures.storable(bytes));
        String at = "%s-%d@%d".formatted(record.topic(), record.partition(), record.offset());
        return retryTransient(at, () -> text != null ? store.apply(record)
                        : store.reject(record, "unreadable result: not UTF-8 text"))
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf("Result %s cannot be stored, logged as not stored and skipped: %s", at, e.getMessage());
                    return retryTransient(at, () -> store.reject(record, "not stored: " + e.getMessage()));
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("Result %s skipped: not even its rejection could be logged: %s", at, e.getMessage());
                    return Optional.empty();
                })
                .invoke(decision -> decision.filter(Decision::confidenceChanged)
                        .ifPresent(d -> stream.publish(ConfidenceChange.of(d))))
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private static Uni<Optional<Decision>> retryTransient(String at, Supplier<Uni<? extends Optional<Decision>>> attempt) {
        return Uni.createFrom().deferred(attempt)
                .onFailure(DatabaseFailures::isTransient).invoke(e ->
                        LOG.warnf("Result %s not applied yet, retrying: %s", at, e.getMessage()))
                .onFailure(DatabaseFailures::isTransient).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }
}
