package consistency.contract;

import static org.assertj.core.api.Assertions.assertThat;

import consistency.decision.Confidence;
import consistency.decision.WindowState;
import consistency.contract.ContractAnswer.Scope;
import consistency.store.ReadModelWindow;
import consistency.store.Store;
import consistency.wire.WindowResult.Engine;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadPolicyTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T00:05:00Z");
    private static final ReadPolicy UNBOUNDED = new ReadPolicy(null, null);

    private static WindowState state(long value, long version, Confidence confidence) {
        return new WindowState(Engine.FLINK, "k", START, START.plusSeconds(10), "r1", value, 2, 1, "i", 7L, START,
                confidence, false, false, 0, version, START.plusSeconds(version));
    }

    private static ReadModelWindow held(long value, long version, Confidence confidence) {
        return new ReadModelWindow(state(value, version, confidence), NOW.minusSeconds(30), START.plusSeconds(version));
    }

    @Test
    void aCurrentReadModelServesWithItsOwnConfidenceAndNoLag() {
        ContractAnswer a = UNBOUNDED.answer(Scope.EVENTUAL, state(10, 3, Confidence.HIGH), held(10, 3, Confidence.HIGH),
                null, null, NOW);
        assertThat(a.servedFrom()).isEqualTo(Store.MONGODB);
        assertThat(a.consistencyScope()).isEqualTo(Scope.EVENTUAL);
        assertThat(a.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(a.lag()).isEqualTo(new ContractAnswer.Lag(0, 0));
        assertThat(a.lastCdcSyncTime()).isEqualTo(NOW.minusSeconds(30));
        assertThat(a.fallbackReason()).isNull();
    }

    @Test
    void aReadModelBehindServesItsOlderValueAsEventuallyConsistentWithTheLag() {
        ContractAnswer a = UNBOUNDED.answer(Scope.SEARCH, state(12, 5, Confidence.HIGH), held(10, 3, Confidence.HIGH),
                NOW.minusMillis(850), null, NOW);
        assertThat(a.servedFrom()).isEqualTo(Store.ELASTICSEARCH);
        assertThat(a.value()).isEqualTo(10);
        assertThat(a.version()).isEqualTo(3);
        assertThat(a.confidence()).isEqualTo(Confidence.EVENTUALLY_CONSISTENT);
        assertThat(a.lag()).isEqualTo(new ContractAnswer.Lag(2, 850));
    }

    @Test
    void theLowerConfidenceWinsWhenTheDecisionLayerDoubtedTheValue() {
        ContractAnswer a = UNBOUNDED.answer(Scope.EVENTUAL, state(12, 5, Confidence.HIGH), held(10, 3, Confidence.LOW),
                NOW.minusMillis(10), null, NOW);
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void boundedStalenessFallsBackToPostgresOnlyBeyondTheBound() {
        WindowState current = state(12, 5, Confidence.HIGH);
        ReadModelWindow old = held(10, 3, Confidence.HIGH);
        ContractAnswer within = new ReadPolicy(1000L, null).answer(Scope.EVENTUAL, current, old, NOW.minusMillis(850), null, NOW);
        assertThat(within.servedFrom()).isEqualTo(Store.MONGODB);

        ContractAnswer beyond = new ReadPolicy(500L, null).answer(Scope.EVENTUAL, current, old, NOW.minusMillis(850), null, NOW);
        assertThat(beyond.servedFrom()).isEqualTo(Store.POSTGRES);
        assertThat(beyond.consistencyScope()).isEqualTo(Scope.STRONG);
        assertThat(beyond.value()).isEqualTo(12);
        assertThat(beyond.version()).isEqualTo(5);
        assertThat(beyond.lag()).isEqualTo(new ContractAnswer.Lag(0, 0));
        assertThat(beyond.fallbackReason())
                .isEqualTo("MONGODB is 2 version(s) and 850 ms behind PostgreSQL, more than maxStalenessMs 500");
    }

    @Test
    void readYourWritesNeedsTheReadModelToHoldTheVersion() {
        WindowState current = state(12, 5, Confidence.HIGH);
        ContractAnswer older = new ReadPolicy(null, 5L).answer(Scope.SEARCH, current, held(10, 4, Confidence.HIGH),
                NOW.minusMillis(20), null, NOW);
        assertThat(older.servedFrom()).isEqualTo(Store.POSTGRES);
        assertThat(older.fallbackReason()).isEqualTo("ELASTICSEARCH holds version 4, older than minVersion 5");

        ContractAnswer reached = new ReadPolicy(null, 4L).answer(Scope.SEARCH, current, held(10, 4, Confidence.HIGH),
                NOW.minusMillis(20), null, NOW);
        assertThat(reached.servedFrom()).isEqualTo(Store.ELASTICSEARCH);
        assertThat(reached.version()).isEqualTo(4);
    }

    @Test
    void aMissingWindowOrAnUnreachableReadModelIsAnsweredByPostgresWithTheReason() {
        WindowState current = state(12, 1, Confidence.HIGH);
        assertThat(UNBOUNDED.answer(Scope.EVENTUAL, current, null, NOW.minusSeconds(1), null, NOW).fallbackReason())
                .isEqualTo("MONGODB does not hold this window yet");
        ContractAnswer down = UNBOUNDED.answer(Scope.EVENTUAL, current, null, null, "MongoTimeoutException: no server", NOW);
        assertThat(down.servedFrom()).isEqualTo(Store.POSTGRES);
        assertThat(down.fallbackReason()).isEqualTo("MONGODB is unreachable (MongoTimeoutException: no server)");
    }

    @Test
    void lagCountsEveryVersionAWindowLacksWhenItHoldsNone() {
        assertThat(ReadPolicy.lag(state(12, 3, Confidence.HIGH), null, NOW.minusMillis(1200), NOW))
                .isEqualTo(new ContractAnswer.Lag(3, 1200));
    }
}
