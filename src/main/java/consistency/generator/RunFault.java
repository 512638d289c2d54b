package consistency.generator;

import consistency.api.Limits;

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
    public List<String> violations(Limits limits, Instant now) {
        List<String> errors = new ArrayList<>();
        if (fault == null || fault.isBlank()) {
            errors.add("fault must name the fault, e.g. processor-restart");
        } else {
            limits.badParameter("fault", fault).ifPresent(errors::add);
        }
        if (target != null) {
            limits.badParameter("target", target).ifPresent(errors::add);
        }
        if (startedAt == null || endedAt == null) {
            errors.add("started_at and ended_at are required");
        } else {
            limits.farFromNow("started_at", startedAt, now).ifPresent(errors::add);
            limits.farFromNow("ended_at", endedAt, now).ifPresent(errors::add);
            if (endedAt.isBefore(startedAt)) {
                errors.add("ended_at (" + endedAt + ") is before started_at (" + startedAt + ")");
            }
        }
        // PostgreSQL's jsonb refuses NUL anywhere in a document; the report's text shows every key and value.
        if (report != null && report.toString().indexOf('\0') >= 0) {
            errors.add("report must not contain NUL characters");
        }
        return errors;
    }
}
