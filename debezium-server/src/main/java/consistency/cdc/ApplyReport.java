package consistency.cdc;

import java.util.List;

/**
 * The outcome of applying one Debezium batch to a read model.
 *
 * @param received changes in the batch that carried a document
 * @param applied  documents written (newer than stored)
 * @param stale    changes not written because the store already had that version or a newer one
 *                 (including older versions of the same aggregate within the batch)
 * @param failed   changes that could not be applied; each is recorded with key and version
 */
public record ApplyReport(int received, int applied, int stale, List<FailedDocument> failed) {
}
