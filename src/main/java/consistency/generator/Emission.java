package consistency.generator;

import consistency.wire.LabEvent;

/**
 * One send to {@code lab.events} and what the generator knows about it. The event's {@code produceTime}
 * is null here: it is stamped when the record is actually sent.
 *
 * @param index      position in the run's send order
 * @param latenessMs how far the key's event time had already advanced past this event when it was sent
 * @param late       an original held back on purpose by the late injection
 * @param outOfOrder an original, not late, sent after a newer event of its key
 */
public record Emission(int index, LabEvent event, Kind kind, boolean late, long latenessMs, boolean outOfOrder) {

    public enum Kind {
        /** The first send of a business event. */
        ORIGINAL,
        /** The same event sent again by at-least-once delivery. */
        DUPLICATE,
        /** The same event sent again after the simulated producer restart. */
        REPLAY
    }
}
