package consistency.cdc;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the PostgreSQL {@code outbox} table as seen by CDC: the aggregate it belongs to, the
 * version it carries, the read-model payload, and the times needed to measure lag.
 *
 * @param aggregateId      the aggregate (result key); the read-model document id
 * @param version          the PostgreSQL version the payload reflects
 * @param payload          the outbox {@code payload} column (snake_case fields)
 * @param sourceCommitTime the change's {@code source.ts_ms}: when PostgreSQL committed it (may be null)
 * @param outboxCreatedAt  the outbox row's {@code created_at} as ISO-8601 text (may be null)
 */
public record OutboxChange(
        String aggregateId,
        long version,
        Map<String, Object> payload,
        Instant sourceCommitTime,
        String outboxCreatedAt) {
}
