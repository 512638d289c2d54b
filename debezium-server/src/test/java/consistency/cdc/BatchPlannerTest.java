package consistency.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    private static OutboxChange c(String id, long v) {
        return new OutboxChange(id, v, Map.of(), Instant.EPOCH, null);
    }

    @Test
    void outOfOrderWithinABatchKeepsTheHighestVersion() {
        Map<String, OutboxChange> newest = BatchPlanner.newestPerAggregate(List.of(c("a", 2), c("b", 1), c("a", 5), c("a", 3)));

        assertThat(newest).containsOnlyKeys("a", "b");
        assertThat(newest.get("a").version()).isEqualTo(5);
    }

    @Test
    void onlyVersionsNewerThanStoredAreWritten() {
        Map<String, OutboxChange> newest = BatchPlanner.newestPerAggregate(List.of(c("new", 1), c("newer", 4), c("same", 3), c("older", 2)));

        List<OutboxChange> toWrite = BatchPlanner.toWrite(newest, Map.of("newer", 3L, "same", 3L, "older", 7L));

        assertThat(toWrite).extracting(OutboxChange::aggregateId).containsExactly("new", "newer");
    }

    @Test
    void documentCarriesScopeSyncTimeAndSourceTimes() {
        OutboxChange change = Changes.change(Changes.insert("a", 2, 1000));
        Instant applied = Instant.parse("2026-01-01T00:01:06Z");

        Map<String, Object> d = ReadModelDocument.of(change, ReadModelDocument.EVENTUAL, applied);

        assertThat(d).containsEntry("aggregate_id", "a").containsEntry("version", 2L)
                .containsEntry("consistency_scope", "EVENTUAL")
                .containsEntry("last_cdc_sync_time", "2026-01-01T00:01:06Z")
                .containsEntry("source_commit_time", "1970-01-01T00:00:01Z")
                .containsEntry("outbox_created_at", "2026-01-01T00:01:05.123456Z")
                .containsEntry("confidence_level", "HIGH");
    }
}
