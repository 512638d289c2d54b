package consistency.cdc;

import java.util.ArrayList;
import java.util.List;

/** What a single Debezium change turned into: a change to apply, nothing to apply, or a failure. */
public sealed interface ParseResult {

    /**
     * A batch's changes to apply and its failures to record, in batch order; ignored results drop out. Both
     * lists are mutable: a read model adds the documents its store refused to {@code failed}.
     */
    record Sorted(List<OutboxChange> changes, List<FailedDocument> failed) {

        public static Sorted of(List<ParseResult> batch) {
            Sorted sorted = new Sorted(new ArrayList<>(), new ArrayList<>());
            for (ParseResult r : batch) {
                if (r instanceof Change c) {
                    sorted.changes.add(c.change());
                } else if (r instanceof Failed f) {
                    sorted.failed.add(f.failure());
                }
            }
            return sorted;
        }
    }

    /** A well-formed outbox insert. */
    record Change(OutboxChange change) implements ParseResult {
    }

    /** Not a document (tombstone, delete, truncate of the append-only outbox); nothing to apply. */
    record Ignored(String why) implements ParseResult {
    }

    /** A change that cannot become a document; it must be recorded, not dropped. */
    record Failed(FailedDocument failure) implements ParseResult {
    }
}
