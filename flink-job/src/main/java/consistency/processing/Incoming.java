package consistency.processing;

import consistency.wire.LabEvent;
import consistency.wire.ProgressMark;
import consistency.wire.SourceRecord;

import java.util.OptionalLong;

/**
 * What the source emits for every Kafka record: the raw record and exactly one of the parsed event, the parsed
 * progress mark, or the reason it could not be parsed. Deserialization never fails the job; {@link SplitMalformed}
 * sends the unparseable ones to the dead-letter side output.
 *
 * @param event    the parsed event, null unless the record is one
 * @param progress the parsed progress mark of the source, null unless the record is one
 * @param error    why the record is neither, null when it is one of them
 */
public record Incoming(RawRecord raw, LabEvent event, ProgressMark progress, String error) {

    static Incoming parsed(RawRecord raw, SourceRecord record) {
        return switch (record) {
            case LabEvent event -> new Incoming(raw, event, null, null);
            case ProgressMark mark -> new Incoming(raw, null, mark, null);
        };
    }

    static Incoming malformed(RawRecord raw, String error) {
        return new Incoming(raw, null, null, error);
    }

    boolean isEvent() {
        return event != null;
    }

    boolean isProgress() {
        return progress != null;
    }

    /** The event's time or the time the mark says the source reached; empty for a malformed record. */
    OptionalLong time() {
        SourceRecord record = event != null ? event : progress;
        return record == null ? OptionalLong.empty() : OptionalLong.of(record.eventTime().toEpochMilli());
    }
}
