package consistency.processing;

/**
 * One event of {@code lab.events} (SPEC §2), times as epoch milliseconds.
 *
 * @param raw the Kafka record the event was parsed from; null only for events made in tests
 */
public record LabEvent(
        String eventId,
        String runId,
        String businessKey,
        long sequence,
        long amount,
        long eventTime,
        long produceTime,
        RawRecord raw) {

    LabEvent withRaw(RawRecord record) {
        return new LabEvent(eventId, runId, businessKey, sequence, amount, eventTime, produceTime, record);
    }
}
