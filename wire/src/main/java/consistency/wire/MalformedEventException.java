package consistency.wire;

/**
 * A record of {@code lab.events} that is neither a valid event nor a valid progress mark; the message says what
 * is wrong and is the reason sent with it to the dead-letter topic. Without a stack trace: it is an expected
 * outcome of parsing, thrown per bad record.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason, null, false, false);
    }
}
