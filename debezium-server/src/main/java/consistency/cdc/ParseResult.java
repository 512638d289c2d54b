package consistency.cdc;

/** What a single Debezium change turned into: a change to apply, nothing to apply, or a failure. */
public sealed interface ParseResult {

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
