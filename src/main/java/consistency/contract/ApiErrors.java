package consistency.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Turns the API's failures into JSON answers that say what went wrong. */
public class ApiErrors {

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return answer(Response.Status.BAD_REQUEST, "request body is not valid JSON for this endpoint",
                List.of(e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return answer(Response.Status.NOT_FOUND, e.getMessage(), List.of());
    }

    private static Response answer(Response.Status status, String message, List<String> details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status.getStatusCode(), message, details)).build();
    }
}
