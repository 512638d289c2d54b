package consistency.cdc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.jboss.logging.Logger;

/**
 * The Elasticsearch read model ({@code consistency_scope=SEARCH}): one document per aggregate, written
 * with one {@code _bulk} per Debezium batch under external versioning.
 */
public final class ElasticsearchReadModel {

    private static final Logger LOG = Logger.getLogger(ElasticsearchReadModel.class);

    private final RestClient client;
    private final String index;
    private final String failuresIndex;

    public ElasticsearchReadModel(RestClient client, String index, String failuresIndex) {
        this.client = client;
        this.index = index;
        this.failuresIndex = failuresIndex;
    }

    /** Creates the index with its explicit mapping unless it exists (keyword keys and enums, dates, longs). */
    public void ensureIndex(int replicas) throws IOException {
        // The client does not treat a 404 answer to HEAD as an error: read the status.
        if (client.performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200) {
            return;
        }
        String mapping;
        try (InputStream in = ElasticsearchReadModel.class.getResourceAsStream("/elasticsearch/aggregates-mapping.json")) {
            mapping = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Request create = new Request("PUT", "/" + index);
        create.setJsonEntity("{\"settings\":{\"number_of_replicas\":" + replicas + "}," + mapping + "}");
        try {
            client.performRequest(create);
            LOG.infof("created Elasticsearch index %s", index);
        } catch (ResponseException e) {
            if (!bodyOf(e.getResponse()).contains("resource_already_exists_exception")) {
                throw e;
            }
        }
    }

    public ApplyReport apply(List<ParseResult> batch, Instant appliedAt) throws IOException {
        ParseResult.Sorted sorted = ParseResult.Sorted.of(batch);
        List<OutboxChange> changes = sorted.changes();
        List<FailedDocument> failed = sorted.failed();
        // Collapsing first keeps a batch from sending versions Elasticsearch would refuse anyway.
        List<OutboxChange> toWrite = new ArrayList<>(BatchPlanner.newestPerAggregate(changes).values());
        int applied = 0;
        int writeFailures = 0;
        if (!toWrite.isEmpty()) {
            Request bulk = new Request("POST", "/_bulk");
            bulk.setJsonEntity(ElasticsearchBulk.indexBody(index, toWrite, appliedAt));
            List<ElasticsearchBulk.ItemOutcome> outcomes = ElasticsearchBulk.outcomes(bodyOf(client.performRequest(bulk)));
            if (outcomes.size() != toWrite.size()) {
                throw new IOException("_bulk answered " + outcomes.size() + " items for " + toWrite.size());
            }
            for (int i = 0; i < outcomes.size(); i++) {
                ElasticsearchBulk.ItemOutcome o = outcomes.get(i);
                if (o.applied()) {
                    applied++;
                } else if (!o.stale()) {
                    if (o.status() == 429 || o.status() >= 500) {
                        // Transient: fail the batch so it is retried, not recorded as a lost document.
                        throw new IOException("_bulk item " + toWrite.get(i).aggregateId() + " status " + o.status() + " " + o.error());
                    }
                    writeFailures++;
                    OutboxChange c = toWrite.get(i);
                    failed.add(new FailedDocument(c.aggregateId(), c.version(),
                            "elasticsearch status " + o.status() + " " + o.error(), null));
                }
            }
        }
        record(failed, appliedAt);
        return new ApplyReport(changes.size(), applied, changes.size() - applied - writeFailures, failed);
    }

    private void record(List<FailedDocument> failed, Instant at) {
        if (failed.isEmpty()) {
            return;
        }
        for (FailedDocument f : failed) {
            LOG.warnf("elasticsearch sink could not apply aggregate_id=%s version=%s: %s", f.aggregateId(), f.version(), f.reason());
        }
        try {
            Request bulk = new Request("POST", "/_bulk");
            bulk.setJsonEntity(ElasticsearchBulk.failuresBody(failuresIndex, failed, at));
            client.performRequest(bulk);
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "elasticsearch sink could not record %d failed documents (logged above)", failed.size());
        }
    }

    private static String bodyOf(Response r) throws IOException {
        return r.getEntity() == null ? "" : new String(r.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
    }

}
