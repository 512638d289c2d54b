package consistency.cdc;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * The MongoDB read model ({@code consistency_scope=EVENTUAL}): one document per aggregate, {@code _id} =
 * aggregate id, replaced only by a newer version.
 *
 * <p>Per batch: one {@code find({_id: {$in: ids}})} reads the stored versions, then one unordered
 * {@code bulkWrite} replaces (upserts) the newer documents by {@code _id}. Filtering by {@code _id}
 * alone keeps the writes fast on mongo-java-server, whose non-{@code _id} filters scan the collection;
 * it is safe because each read model has exactly one writer (its own Debezium Server instance). A
 * duplicate-key error on an upsert can only mean a concurrent writer got there first and is treated as
 * "stored is newer".
 */
public final class MongoReadModel {

    private static final Logger LOG = Logger.getLogger(MongoReadModel.class);
    static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> documents;
    private final MongoCollection<Document> failures;

    public MongoReadModel(MongoCollection<Document> documents, MongoCollection<Document> failures) {
        this.documents = documents;
        this.failures = failures;
    }

    public ApplyReport apply(List<ParseResult> batch, Instant appliedAt) {
        ParseResult.Sorted sorted = ParseResult.Sorted.of(batch);
        List<OutboxChange> changes = sorted.changes();
        List<FailedDocument> failed = sorted.failed();
        Map<String, OutboxChange> newest = BatchPlanner.newestPerAggregate(changes);
        List<OutboxChange> toWrite = newest.isEmpty() ? List.of()
                : BatchPlanner.toWrite(newest, storedVersions(new ArrayList<>(newest.keySet())));

        int applied = 0;
        int writeFailures = 0;
        if (!toWrite.isEmpty()) {
            List<WriteModel<Document>> writes = new ArrayList<>(toWrite.size());
            ReplaceOptions upsert = new ReplaceOptions().upsert(true);
            for (OutboxChange c : toWrite) {
                Document d = new Document("_id", c.aggregateId());
                d.putAll(ReadModelDocument.of(c, ReadModelDocument.EVENTUAL, appliedAt));
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", c.aggregateId()), d, upsert));
            }
            int notWritten = 0;
            try {
                documents.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null) {
                    throw e;
                }
                for (BulkWriteError err : e.getWriteErrors()) {
                    notWritten++;
                    if (err.getCode() != DUPLICATE_KEY) {
                        writeFailures++;
                        OutboxChange c = toWrite.get(err.getIndex());
                        failed.add(new FailedDocument(c.aggregateId(), c.version(),
                                "mongodb write error " + err.getCode() + ": " + err.getMessage(), null));
                    }
                }
            }
            applied = toWrite.size() - notWritten;
        }
        record(failed, appliedAt);
        return new ApplyReport(changes.size(), applied, changes.size() - applied - writeFailures, failed);
    }

    Map<String, Long> storedVersions(List<String> ids) {
        Map<String, Long> stored = new HashMap<>();
        for (Document d : documents.find(in("_id", ids)).projection(include("version"))) {
            if (d.get("version") instanceof Number n) {
                stored.put(d.getString("_id"), n.longValue());
            }
        }
        return stored;
    }

    private void record(List<FailedDocument> failed, Instant at) {
        if (failed.isEmpty()) {
            return;
        }
        List<Document> docs = new ArrayList<>();
        for (FailedDocument f : failed) {
            LOG.warnf("mongodb sink could not apply aggregate_id=%s version=%s: %s", f.aggregateId(), f.version(), f.reason());
            docs.add(new Document(f.toDocument("mongodb", at.toString())));
        }
        try {
            failures.insertMany(docs);
        } catch (RuntimeException e) {
            LOG.warnf(e, "mongodb sink could not record %d failed documents (logged above)", docs.size());
        }
    }
}
