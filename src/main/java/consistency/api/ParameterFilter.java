package consistency.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one check of every path segment and query parameter, before any resource sees it ({@link Limits#badParameter}):
 * an id with NUL would otherwise reach PostgreSQL, which refuses it, and the client's mistake would be a 500.
 */
public class ParameterFilter {

    private final Limits limits;

    public ParameterFilter(Limits limits) {
        this.limits = limits;
    }

    /** @return a 400 naming every refused parameter, or null to go on */
    @ServerRequestFilter(preMatching = true)
    public Response refuse(ContainerRequestContext request) {
        List<String> refused = new ArrayList<>();
        try {
            UriInfo uri = request.getUriInfo();
            for (PathSegment segment : uri.getPathSegments(true)) {
                limits.badParameter("path segment", segment.getPath()).ifPresent(refused::add);
            }
            for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters(true).entrySet()) {
                limits.badParameter("query parameter name", parameter.getKey()).ifPresent(refused::add);
                for (String value : parameter.getValue()) {
                    limits.badParameter(parameter.getKey(), value).ifPresent(refused::add);
                }
            }
        } catch (IllegalArgumentException badEncoding) {
            refused.add("the URI is not validly percent-encoded: " + badEncoding.getMessage());
        }
        return refused.isEmpty() ? null
                : ApiErrors.response(Response.Status.BAD_REQUEST.getStatusCode(), "invalid parameter", refused);
    }
}
