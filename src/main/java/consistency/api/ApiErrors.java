package consistency.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * Turns the API's failures into JSON answers that say what went wrong. The error body is built into a Response, where
 * Quarkus REST cannot see its type: registered so a native executable serializes it too.
 */
@RegisterForReflection(targets = ApiError.class)
public class ApiErrors {

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return response(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response limited(LimitExceededException e) {
        return Response.fromResponse(response(e.status(), e.getMessage(), e.details()))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfter().toSeconds()).build();
    }

    /** Also names the mismatched-input type, which would otherwise go to Quarkus's own mapper with its own body. */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadable(JsonProcessingException e) {
        return response(Response.Status.BAD_REQUEST.getStatusCode(), "request body is not valid JSON for this endpoint",
                List.of(e.getOriginalMessage()));
    }

    /** Not found, unreadable bodies the framework rejects itself, wrong methods: same body, their own status. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        return response(e.getResponse().getStatus(), e.getMessage(), List.of());
    }

    /** An error answer with the API's error body. */
    static Response response(int status, String message, List<String> details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, message, details)).build();
    }
}
