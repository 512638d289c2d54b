package consistency.events;

/** A record on {@code lab.events} that is not a valid event; the message is the reason sent with it. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }
}
