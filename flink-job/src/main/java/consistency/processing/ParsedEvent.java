package consistency.processing;

import consistency.wire.LabEvent;

/**
 * An event with the Kafka record it was parsed from, as it travels through the job: an event that turns out too
 * late reaches the dead-letter topic byte for byte.
 */
public record ParsedEvent(RawRecord raw, LabEvent event) {

    /** Event time in epoch milliseconds, Flink's timestamp resolution; the parser guarantees it fits. */
    long eventTimeMs() {
        return event.eventTime().toEpochMilli();
    }
}
