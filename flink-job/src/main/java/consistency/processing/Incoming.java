package consistency.processing;

/**
 * What the source emits for every Kafka record: the raw record and either the parsed event or the reason it
 * could not be parsed. Deserialization never fails the job; {@link SplitMalformed} sends the unparseable ones
 * to the dead-letter side output.
 *
 * @param event the parsed event (its {@code raw} is not set yet), null when {@code error} is set
 * @param error why the record is not an event, null when {@code event} is set
 */
public record Incoming(RawRecord raw, LabEvent event, String error) {

    static Incoming parsed(RawRecord raw, LabEvent event) {
        return new Incoming(raw, event, null);
    }

    static Incoming malformed(RawRecord raw, String error) {
        return new Incoming(raw, null, error);
    }

    boolean isEvent() {
        return event != null;
    }
}
