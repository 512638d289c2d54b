package consistency.consumer;

import consistency.decision.ConfidenceChange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The hot stream of confidence changes. Publishing never waits for subscribers: a subscriber that cannot keep
 * up loses changes instead of slowing the decision layer.
 */
@ApplicationScoped
public class ConfidenceStream {

    private final BroadcastProcessor<ConfidenceChange> changes = BroadcastProcessor.create();

    void publish(ConfidenceChange change) {
        changes.onNext(change);
    }

    public Multi<ConfidenceChange> changes() {
        return changes.onOverflow().drop();
    }
}
