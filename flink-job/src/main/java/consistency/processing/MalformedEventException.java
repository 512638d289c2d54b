package consistency.processing;

/** A record value that is not a valid event; the message is the dead-letter reason. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason, null, false, false);
    }
}
