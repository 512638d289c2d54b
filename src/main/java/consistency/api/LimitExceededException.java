package consistency.api;

import java.time.Duration;
import java.util.List;

/** A request refused because a limit of the service is reached, not because it is wrong: worth retrying later. */
public class LimitExceededException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;
    private final List<String> details;

    public LimitExceededException(int status, String message, Duration retryAfter, List<String> details) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
        this.details = List.copyOf(details);
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public List<String> details() {
        return details;
    }
}
