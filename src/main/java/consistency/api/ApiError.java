package consistency.api;

import java.util.List;

/** The body of every error answer of the API. */
public record ApiError(int status, String error, List<String> details) {
}
