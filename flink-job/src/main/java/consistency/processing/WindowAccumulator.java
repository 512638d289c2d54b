package consistency.processing;

/**
 * Keyed state of one window of one key: the aggregate over the distinct events counted so far and what has been
 * emitted for it. A mutable Flink POJO (public fields, no-argument constructor) so its state serializer is
 * Flink's own and can evolve.
 */
public class WindowAccumulator {

    /** Sum of {@code amount} over the counted events. */
    public long sum;
    /** Number of counted (distinct, not too late) events. */
    public int count;
    /** Revision of the last emission, 0 before the first. */
    public int revision;
    /** Events that came later than allowed lateness. */
    public int dropped;
    /** Whether the watermark has passed the window's end (its first result was emitted). */
    public boolean fired;
    /** Run id of the window's first event. */
    public String runId;

    public WindowAccumulator() {
    }

    WindowAccumulator(String runId) {
        this.runId = runId;
    }
}
