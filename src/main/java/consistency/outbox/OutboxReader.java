package consistency.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Reads the outbox as the record of when PostgreSQL committed each version of a window. */
@ApplicationScoped
public class OutboxReader {

    private final Pool pool;

    public OutboxReader(Pool pool) {
        this.pool = pool;
    }

    /**
     * For each aggregate id, when PostgreSQL committed the first version newer than the one given (the version a
     * read model holds, 0 for none); ids with no newer version are absent.
     */
    public Uni<Map<String, Instant>> firstCommitAfter(Map<String, Long> heldVersions) {
        if (heldVersions.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] ids = heldVersions.keySet().toArray(String[]::new);
        Long[] versions = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            versions[i] = heldVersions.get(ids[i]);
        }
        return pool.preparedQuery("select w.id, min(o.created_at) from unnest($1::text[], $2::bigint[]) as w(id, held) "
                        + "join outbox o on o.aggregate_id = w.id and o.version > w.held group by w.id")
                .execute(Tuple.of(ids, versions))
                .map(rows -> {
                    Map<String, Instant> first = new HashMap<>();
                    for (Row r : rows) {
                        // created_at is not null, so neither is its min.
                        first.put(r.getString(0), r.getOffsetDateTime("min").toInstant());
                    }
                    return first;
                });
    }
}
