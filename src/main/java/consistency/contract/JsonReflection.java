package consistency.contract;

import consistency.decision.ConfidenceChange;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON types that Jackson reaches by reflection where Quarkus REST cannot see them in a resource signature,
 * registered so a native executable serializes them too: confidence changes sent as SSE data, and error bodies
 * built into a Response. (Results on lab.results are written and read by the wire module's own code, without
 * reflection.)
 */
@RegisterForReflection(targets = {ConfidenceChange.class, ApiError.class})
final class JsonReflection {

    private JsonReflection() {
    }
}
