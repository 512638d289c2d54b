package consistency.contract;

import consistency.decision.ConfidenceChange;
import consistency.events.WindowResult;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON types that Jackson reaches by reflection where Quarkus REST cannot see them in a resource signature,
 * registered so a native executable serializes them too: results on lab.results (ResultCodec's own mapper),
 * confidence changes sent as SSE data, and error bodies built into a Response.
 */
@RegisterForReflection(targets = {WindowResult.class, ConfidenceChange.class, ApiError.class})
final class JsonReflection {

    private JsonReflection() {
    }
}
