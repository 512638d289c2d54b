package consistency.api;

import java.util.List;

/** A request the service understood but cannot accept; answered 400 with every reason. */
public class InvalidRequestException extends RuntimeException {

    private final List<String> details;

    public InvalidRequestException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    public List<String> details() {
        return details;
    }
}
