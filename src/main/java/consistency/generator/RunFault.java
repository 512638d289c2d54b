package consistency.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fault injected while a run was going on ({@code POST /api/runs/{id}/faults}): what it was, what it acted on,
 * when it started and when the stack had recovered, and what the injector measured. {@code id} is assigned on insert.
 */
public record RunFault(Long id, String fault, String target, Instant startedAt, Instant endedAt, Map<String, Object> report) {

    /** Readable reasons this fault cannot be recorded; empty when it can. */
    public List<String> violations() {
        List<String> errors = new ArrayList<>();
        if (fault == null || fault.isBlank()) {
            errors.add("fault must name the fault, e.g. processor-restart");
        }
        if (startedAt == null || endedAt == null) {
            errors.add("started_at and ended_at are required");
        } else if (endedAt.isBefore(startedAt)) {
            errors.add("ended_at (" + endedAt + ") is before started_at (" + startedAt + ")");
        }
        return errors;
    }
}
