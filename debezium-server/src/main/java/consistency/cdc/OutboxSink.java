package consistency.cdc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.server.BaseChangeConsumer;

/**
 * What both read-model sinks share: parse each outbox change of a Debezium batch, apply the batch in
 * bulk (retrying a store that is unreachable, so nothing is committed past an unapplied change), then
 * mark every record processed. Failed documents are recorded by the read model, not retried forever.
 */
abstract class OutboxSink extends BaseChangeConsumer implements DebeziumEngine.ChangeConsumer<ChangeEvent<Object, Object>> {

    private static final Logger LOG = Logger.getLogger(OutboxSink.class);

    private final OutboxChangeParser parser = new OutboxChangeParser();
    private long appliedTotal;
    private long staleTotal;
    private long failedTotal;

    /** Config key under {@code debezium.sink.<type>.}. */
    protected final String prefix;

    OutboxSink(String type) {
        this.prefix = "debezium.sink." + type + ".";
    }

    protected static Config config() {
        return ConfigProvider.getConfig();
    }

    protected String setting(String key, String defaultValue) {
        return config().getOptionalValue(prefix + key, String.class).orElse(defaultValue);
    }

    protected int intSetting(String key, int defaultValue) {
        return config().getOptionalValue(prefix + key, Integer.class).orElse(defaultValue);
    }

    /** Applies one batch; throws when the store could not be reached (the batch is then retried). */
    protected abstract ApplyReport apply(List<ParseResult> batch, Instant appliedAt) throws Exception;

    @Override
    public void handleBatch(List<ChangeEvent<Object, Object>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<Object, Object>> committer)
            throws InterruptedException {
        List<ParseResult> batch = new ArrayList<>(records.size());
        for (ChangeEvent<Object, Object> r : records) {
            batch.add(r.value() == null ? new ParseResult.Ignored("tombstone") : parser.parse(getString(r.value())));
        }
        ApplyReport report = applyWithRetry(batch);
        appliedTotal += report.applied();
        staleTotal += report.stale();
        failedTotal += report.failed().size();
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%sbatch of %d: applied %d, stale %d, failed %d (totals %d/%d/%d)", prefix, records.size(),
                    report.applied(), report.stale(), report.failed().size(), appliedTotal, staleTotal, failedTotal);
        }
        for (ChangeEvent<Object, Object> r : records) {
            committer.markProcessed(r);
        }
        committer.markBatchFinished();
    }

    private ApplyReport applyWithRetry(List<ParseResult> batch) throws InterruptedException {
        int retries = intSetting("retries", 20);
        Duration backoff = Duration.ofMillis(intSetting("retry.initial.delay.ms", 200));
        Duration maxBackoff = Duration.ofMillis(intSetting("retry.max.delay.ms", 5000));
        for (int attempt = 0;; attempt++) {
            try {
                return apply(batch, Instant.now());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= retries) {
                    // Fail the engine: offsets are not committed, so the batch is replayed after a restart.
                    throw new IllegalStateException(prefix + "store unreachable after " + attempt + " retries", e);
                }
                LOG.warnf("%sbatch of %d not applied (attempt %d): %s; retrying in %d ms", prefix, batch.size(),
                        attempt + 1, e.toString(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    long appliedTotal() {
        return appliedTotal;
    }

    long failedTotal() {
        return failedTotal;
    }
}
