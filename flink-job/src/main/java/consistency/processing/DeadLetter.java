package consistency.processing;

/**
 * A record the job did not apply, on its way to the dead-letter topic with its original bytes.
 *
 * @param kind        {@link Kind#MALFORMED} (not an event) or {@link Kind#TOO_LATE} (beyond allowed lateness)
 * @param reason      human-readable cause, written as the {@code dead-letter-reason} header
 * @param incarnation the job attempt that dead-lettered it
 */
public record DeadLetter(RawRecord raw, Kind kind, String reason, String incarnation) {

    public enum Kind {
        MALFORMED, TOO_LATE
    }
}
