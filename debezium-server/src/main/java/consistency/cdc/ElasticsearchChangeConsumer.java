package consistency.cdc;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.jboss.logging.Logger;

/**
 * {@code debezium.sink.type=elasticsearch}: applies outbox changes to the Elasticsearch read model.
 *
 * <pre>
 * debezium.sink.elasticsearch.url            http://localhost:9200   (comma-separated for several nodes)
 * debezium.sink.elasticsearch.index          aggregates
 * debezium.sink.elasticsearch.failures.index lab_cdc_failures
 * debezium.sink.elasticsearch.create.index   true (creates the index with its mapping if missing)
 * debezium.sink.elasticsearch.replicas       0
 * </pre>
 */
@Named("elasticsearch")
@Dependent
public class ElasticsearchChangeConsumer extends OutboxSink {

    private static final Logger LOG = Logger.getLogger(ElasticsearchChangeConsumer.class);

    private RestClient client;
    private ElasticsearchReadModel readModel;
    private volatile boolean indexReady;

    public ElasticsearchChangeConsumer() {
        super("elasticsearch");
    }

    @PostConstruct
    void connect() {
        HttpHost[] hosts = Arrays.stream(setting("url", "http://localhost:9200").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(HttpHost::create).toArray(HttpHost[]::new);
        client = RestClient.builder(hosts).build();
        String index = setting("index", "aggregates");
        readModel = new ElasticsearchReadModel(client, index, setting("failures.index", "lab_cdc_failures"));
        indexReady = !Boolean.parseBoolean(setting("create.index", "true"));
        LOG.infof("elasticsearch sink writes index %s at %s", index, Arrays.toString(hosts));
    }

    @PreDestroy
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected ApplyReport apply(List<ParseResult> batch, Instant appliedAt) throws IOException {
        if (!indexReady) {
            // Created lazily so a store that starts after this server does not fail the start.
            readModel.ensureIndex(intSetting("replicas", 0));
            indexReady = true;
        }
        return readModel.apply(batch, appliedAt);
    }
}
