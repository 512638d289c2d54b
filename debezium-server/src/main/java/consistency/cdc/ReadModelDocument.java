package consistency.cdc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The document a read model stores for an outbox change: the outbox payload plus where and when it was
 * reflected ({@code consistency_scope}, {@code last_cdc_sync_time}) and the source times lag is
 * measured against ({@code source_commit_time}, {@code outbox_created_at}).
 */
public final class ReadModelDocument {

    public static final String EVENTUAL = "EVENTUAL";
    public static final String SEARCH = "SEARCH";

    private ReadModelDocument() {
    }

    public static Map<String, Object> of(OutboxChange change, String scope, Instant appliedAt) {
        Map<String, Object> d = new LinkedHashMap<>(change.payload());
        d.put("aggregate_id", change.aggregateId());
        d.put("version", change.version());
        d.put("consistency_scope", scope);
        d.put("last_cdc_sync_time", appliedAt.toString());
        d.put("source_commit_time", change.sourceCommitTime() == null ? null : change.sourceCommitTime().toString());
        d.put("outbox_created_at", change.outboxCreatedAt());
        return d;
    }
}
