package consistency.decision;

/**
 * What the decision layer concluded about one result.
 *
 * @param before the stored state, null for a window seen for the first time
 * @param after  the state after the decision; {@code before} itself when nothing is written
 */
public record Decision(DecisionKind kind, String reason, WindowState before, WindowState after) {

    public Confidence confidenceBefore() {
        return before == null ? null : before.confidence();
    }

    public boolean confidenceChanged() {
        return confidenceBefore() != after.confidence();
    }
}
