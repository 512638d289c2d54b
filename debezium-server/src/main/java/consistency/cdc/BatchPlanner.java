package consistency.cdc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The idempotence rule of the read models, free of any store: within a batch keep only the newest
 * version per aggregate, and write it only if it is newer than what the store already holds. Replays,
 * at-least-once duplicates and reordering therefore never move a read model backwards.
 */
public final class BatchPlanner {

    private BatchPlanner() {
    }

    /** The newest change per aggregate, in first-seen order; older versions in the batch are dropped. */
    public static Map<String, OutboxChange> newestPerAggregate(Collection<OutboxChange> changes) {
        Map<String, OutboxChange> newest = new LinkedHashMap<>();
        for (OutboxChange c : changes) {
            newest.merge(c.aggregateId(), c, (a, b) -> b.version() > a.version() ? b : a);
        }
        return newest;
    }

    /**
     * @param newest        the newest change per aggregate of this batch
     * @param storedVersion the version each aggregate already has in the store (absent = not stored)
     * @return the changes to write: those strictly newer than the stored version
     */
    public static List<OutboxChange> toWrite(Map<String, OutboxChange> newest, Map<String, Long> storedVersion) {
        List<OutboxChange> out = new ArrayList<>();
        for (OutboxChange c : newest.values()) {
            Long stored = storedVersion.get(c.aggregateId());
            if (stored == null || c.version() > stored) {
                out.add(c);
            }
        }
        return out;
    }
}
