package consistency.processing;

import consistency.wire.LabEvent;
import consistency.wire.WindowResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Mode A windowing and de-duplication on hand-made event sequences. */
class KafkaOnlyWindowsTest {

    /** 2021-01-01T00:00:00Z: a multiple of the window size, so window edges are easy to read. */
    private static final long T0 = 1_609_459_200_000L;
    private static final long SIZE = 10_000;
    private static final long GRACE = 2_000;
    private static final long IDLE = 3_000;
    private static final String KEY = "r1-acct-0001";

    private Instant commitTime = null;
    private KafkaOnlyWindows windows = windows(1_000, 1_000);
    private final List<WindowResult> out = new ArrayList<>();
    /** Next offset per partition: it goes on across a new state, as Kafka's does across a restart. */
    private final Map<Integer, Long> offsets = new HashMap<>();
    private long nowMs = T0 + 1_000_000;

    private KafkaOnlyWindows windows(int dedupCapacity, int retained) {
        return new KafkaOnlyWindows(new KafkaOnlyWindows.Settings(SIZE, GRACE, IDLE, dedupCapacity, retained),
                "kafka-only-0badcafe", () -> commitTime);
    }

    private static LabEvent event(String id, String key, long eventOffsetMs, long amount) {
        return new LabEvent(id, "r1", key, 0, amount, Instant.ofEpochMilli(T0 + eventOffsetMs), Instant.ofEpochMilli(T0));
    }

    /** Sends an event on partition 0 of key {@link #KEY}; the event time is relative to {@link #T0}. */
    private List<WindowResult> send(String id, long eventOffsetMs, long amount) {
        return send(0, id, KEY, eventOffsetMs, amount);
    }

    private List<WindowResult> send(int partition, String id, String key, long eventOffsetMs, long amount) {
        nowMs += 10;
        List<WindowResult> emitted = windows.accept(partition, offset(partition), event(id, key, eventOffsetMs, amount),
                Instant.ofEpochMilli(nowMs));
        out.addAll(emitted);
        return emitted;
    }

    private List<WindowResult> mark(int partition, long reachedOffsetMs) {
        nowMs += 10;
        List<WindowResult> emitted = windows.advance(partition, offset(partition), Instant.ofEpochMilli(T0 + reachedOffsetMs),
                Instant.ofEpochMilli(nowMs));
        out.addAll(emitted);
        return emitted;
    }

    private long offset(int partition) {
        return offsets.merge(partition, 1L, Long::sum) - 1;
    }

    private List<WindowResult> idleFor(long ms) {
        nowMs += ms;
        List<WindowResult> emitted = windows.closeIdle(Instant.ofEpochMilli(nowMs));
        out.addAll(emitted);
        return emitted;
    }

    private static Instant at(long offsetMs) {
        return Instant.ofEpochMilli(T0 + offsetMs);
    }

    @Test
    void aWindowClosesWhenTheObservedEventTimePassesItsEndPlusGrace() {
        send("e1", 1_000, 5);
        send("e2", 9_999, 7);
        assertThat(send("e3", 11_999, 1)).as("observed time one ms short of end + grace").isEmpty();

        List<WindowResult> closed = send("e4", 12_000, 1);

        assertThat(closed).singleElement().satisfies(r -> {
            assertThat(r.processingEngine()).isEqualTo(WindowResult.Engine.KAFKA_ONLY);
            assertThat(r.businessKey()).isEqualTo(KEY);
            assertThat(r.windowStart()).isEqualTo(at(0));
            assertThat(r.windowEnd()).isEqualTo(at(SIZE));
            assertThat(r.calculatedValue()).isEqualTo(12);
            assertThat(r.eventCount()).isEqualTo(2);
            assertThat(r.revision()).isEqualTo(1);
            assertThat(r.lateUpdate()).isFalse();
            assertThat(r.incarnation()).isEqualTo("kafka-only-0badcafe");
            assertThat(r.checkpointId()).isNull();
            assertThat(r.droppedLateEvents()).isZero();
            assertThat(r.emittedAt()).isEqualTo(Instant.ofEpochMilli(nowMs));
            assertThat(r.runId()).isEqualTo("r1");
        });
        assertThat(windows.openWindows()).isEqualTo(1);
    }

    @Test
    void windowStartIsInclusiveAndWindowEndExclusive() {
        send("start", 0, 1);
        send("last-ms", SIZE - 1, 2);
        send("end", SIZE, 4);
        send("closer", 2 * SIZE + GRACE, 0);

        assertThat(out).extracting(WindowResult::windowStart, WindowResult::calculatedValue, WindowResult::eventCount)
                .containsExactly(tuple(at(0), 3L, 2), tuple(at(SIZE), 4L, 1));
    }

    @Test
    void duplicatesAreCountedOnce() {
        send("a", 1_000, 10);
        send("a", 1_000, 10);
        send("b", 2_000, 20);
        send("a", 1_000, 10);
        send("b", 2_000, 20);
        send("closer", SIZE + GRACE, 0);

        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.calculatedValue()).isEqualTo(30);
            assertThat(r.eventCount()).isEqualTo(2);
        });
        assertThat(windows.duplicatesIgnored()).isEqualTo(3);
    }

    @Test
    void aDuplicateOfAnEmittedWindowsEventIsNoLateUpdate() {
        send("a", 1_000, 10);
        send("closer", SIZE + GRACE, 0);
        assertThat(send("a", 1_000, 10)).isEmpty();
        assertThat(out).singleElement().extracting(WindowResult::revision).isEqualTo(1);
    }

    @Test
    void outOfOrderEventsWithinGraceAreCounted() {
        send("e1", 5_000, 1);
        send("e2", 11_000, 10);
        send("e3", 3_000, 100);
        send("e4", 11_500, 1_000);
        send("e5", 9_000, 10_000);

        send("closer", SIZE + GRACE, 0);

        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.calculatedValue()).isEqualTo(10_101);
            assertThat(r.eventCount()).isEqualTo(3);
            assertThat(r.lateUpdate()).isFalse();
        });
    }

    @Test
    void aLateEventReEmitsItsWindowAsTheNextRevision() {
        send("e1", 1_000, 5);
        send("closer", SIZE + GRACE, 0);
        assertThat(out).hasSize(1);

        List<WindowResult> late = send("late", 4_000, 7);

        assertThat(late).singleElement().satisfies(r -> {
            assertThat(r.windowStart()).isEqualTo(at(0));
            assertThat(r.revision()).isEqualTo(2);
            assertThat(r.lateUpdate()).isTrue();
            assertThat(r.calculatedValue()).isEqualTo(12);
            assertThat(r.eventCount()).isEqualTo(2);
        });
        assertThat(send("later", 4_500, 1)).singleElement().satisfies(r -> {
            assertThat(r.revision()).isEqualTo(3);
            assertThat(r.calculatedValue()).isEqualTo(13);
        });
        assertThat(windows.lateUpdates()).isEqualTo(2);
    }

    @Test
    void aLateEventForAWindowNotHeldStartsAFreshWindowEmittedAtOnce() {
        send("e1", 50_000, 5);

        List<WindowResult> late = send("late", 1_000, 7);

        assertThat(late).singleElement().satisfies(r -> {
            assertThat(r.windowStart()).isEqualTo(at(0));
            assertThat(r.revision()).isEqualTo(1);
            assertThat(r.lateUpdate()).isTrue();
            assertThat(r.calculatedValue()).isEqualTo(7);
        });
        assertThat(send("late-2", 2_000, 1)).singleElement().satisfies(r -> {
            assertThat(r.revision()).isEqualTo(2);
            assertThat(r.calculatedValue()).isEqualTo(8);
        });
    }

    @Test
    void observedEventTimeIsPerPartition() {
        send(0, "p0", "key-a", 1_000, 1);
        send(1, "p1", "key-b", 1_000, 2);

        assertThat(send(1, "p1-far", "key-b", 60_000, 0)).as("partition 1 moved on")
                .extracting(WindowResult::businessKey).containsExactly("key-b");
        assertThat(windows.openWindows()).as("key-a's window waits for partition 0").isEqualTo(2);

        assertThat(send(0, "p0-in-grace", "key-a", 2_000, 10)).isEmpty();
        assertThat(send(0, "p0-closer", "key-a", SIZE + GRACE, 0)).singleElement()
                .extracting(WindowResult::businessKey, WindowResult::calculatedValue).containsExactly("key-a", 11L);
    }

    @Test
    void anIdlePartitionEmitsAllItsOpenWindows() {
        send(0, "a1", "key-a", 1_000, 1);
        send(0, "a2", "key-a", 11_000, 2);
        send(0, "c1", "key-c", 3_000, 4);
        send(1, "b1", "key-b", 1_000, 8);

        assertThat(idleFor(IDLE - 100)).isEmpty();
        send(1, "b2", "key-b", 2_000, 16);
        List<WindowResult> idle = idleFor(100);

        assertThat(idle).as("partition 0 idle for 3 s, partition 1 active 100 ms ago")
                .extracting(WindowResult::businessKey, WindowResult::windowStart, WindowResult::calculatedValue,
                        WindowResult::revision, WindowResult::lateUpdate)
                .containsExactly(tuple("key-a", at(0), 1L, 1, false), tuple("key-c", at(0), 4L, 1, false),
                        tuple("key-a", at(SIZE), 2L, 1, false));
        assertThat(idleFor(IDLE)).extracting(WindowResult::businessKey, WindowResult::calculatedValue)
                .containsExactly(tuple("key-b", 24L));
        assertThat(idleFor(IDLE)).isEmpty();
        assertThat(windows.openWindows()).isZero();

        assertThat(send(0, "a3", "key-a", 16_000, 32)).as("an event after the idle close is a late update")
                .singleElement().satisfies(r -> {
                    assertThat(r.revision()).isEqualTo(2);
                    assertThat(r.lateUpdate()).isTrue();
                    assertThat(r.calculatedValue()).isEqualTo(34);
                });
    }

    @Test
    void resultsCarryTheLastCommitTimeAtEmission() {
        send("e1", 1_000, 1);
        commitTime = Instant.parse("2024-05-01T10:00:00Z");
        send("closer", SIZE + GRACE, 0);
        commitTime = Instant.parse("2024-05-01T10:00:05Z");
        send("late", 2_000, 1);

        assertThat(out).extracting(WindowResult::lastCheckpointTime)
                .containsExactly(Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T10:00:05Z"));
    }

    @Test
    void theDedupCacheIsBoundedAndForgetsTheLeastRecentlySeenId() {
        windows = windows(3, 1_000);
        send("a", 1_000, 1);
        send("b", 1_000, 10);
        send("c", 1_000, 100);
        send("a", 1_000, 1);
        send("d", 1_000, 1_000);
        assertThat(windows.rememberedEventIds()).isEqualTo(3);

        send("a", 1_000, 1);
        send("b", 1_000, 10);
        send("closer", SIZE + GRACE, 0);

        assertThat(out).singleElement().as("b was evicted and counted twice; a was seen again recently")
                .extracting(WindowResult::calculatedValue, WindowResult::eventCount).containsExactly(1_121L, 5);
    }

    @Test
    void emittedWindowsAreRetainedUpToTheBoundThenALateEventStartsAfresh() {
        windows = windows(1_000, 2);
        send("w0", 1_000, 1);
        send("w1", SIZE + 1_000, 2);
        send("w2", 2 * SIZE + 1_000, 4);
        send("closer", 3 * SIZE + GRACE, 0);
        assertThat(out).extracting(WindowResult::windowStart).containsExactly(at(0), at(SIZE), at(2 * SIZE));
        assertThat(windows.retainedWindows()).isEqualTo(2);
        assertThat(windows.windowsEvicted()).isEqualTo(1);

        assertThat(send("late-w1", SIZE + 2_000, 8)).singleElement().satisfies(r -> {
            assertThat(r.revision()).isEqualTo(2);
            assertThat(r.calculatedValue()).isEqualTo(10);
        });
        assertThat(send("late-w0", 2_000, 16)).as("w0 is past retention: only the late event is known")
                .singleElement().satisfies(r -> {
                    assertThat(r.windowStart()).isEqualTo(at(0));
                    assertThat(r.revision()).isEqualTo(1);
                    assertThat(r.lateUpdate()).isTrue();
                    assertThat(r.calculatedValue()).isEqualTo(16);
                });
        assertThat(windows.retainedWindows()).isEqualTo(2);
        assertThat(send("late-w2", 2 * SIZE + 2_000, 32)).as("w2 was evicted by the two late re-emissions")
                .singleElement().extracting(WindowResult::revision, WindowResult::calculatedValue).containsExactly(1, 32L);
    }

    @Test
    void aFreshStateRecomputesFromWhatItReadsAgain() {
        send("e1", 1_000, 1);
        send("e2", 2_000, 2);
        windows = windows(1_000, 1_000);
        send("e2", 2_000, 2);
        send("closer", SIZE + GRACE, 0);
        assertThat(out).singleElement().as("after a restart e1 (committed, not re-read) is missing")
                .extracting(WindowResult::calculatedValue, WindowResult::revision).containsExactly(2L, 1);
    }

    @Test
    void negativeEventTimesAlignToTheEpochLikeTheOracle() {
        LabEvent before = new LabEvent("neg", "r1", KEY, 0, 3, Instant.ofEpochMilli(-1), Instant.EPOCH);
        windows.accept(0, 0, before, Instant.ofEpochMilli(nowMs));
        List<WindowResult> closed = windows.accept(0, 1, new LabEvent("pos", "r1", KEY, 0, 0,
                Instant.ofEpochMilli(GRACE), Instant.EPOCH), Instant.ofEpochMilli(nowMs));
        assertThat(closed).singleElement().extracting(WindowResult::windowStart).isEqualTo(Instant.ofEpochMilli(-SIZE));
    }

    @Test
    void aProgressMarkClosesTheWindowsItsTimePassesOnItsPartitionOnly() {
        send(0, "a1", "key-a", 1_000, 1);
        send(0, "a2", "key-a", 11_000, 2);
        send(1, "b1", "key-b", 1_000, 8);

        assertThat(mark(0, SIZE + GRACE - 1)).isEmpty();
        assertThat(mark(0, SIZE + GRACE)).extracting(WindowResult::businessKey, WindowResult::windowStart,
                WindowResult::calculatedValue, WindowResult::lateUpdate).containsExactly(tuple("key-a", at(0), 1L, false));
        assertThat(mark(0, SIZE)).as("a mark behind the clock changes nothing").isEmpty();
        assertThat(windows.openWindows()).isEqualTo(2);

        assertThat(mark(1, 5 * SIZE)).extracting(WindowResult::businessKey).containsExactly("key-b");
        assertThat(mark(0, 5 * SIZE)).extracting(WindowResult::businessKey, WindowResult::windowStart)
                .containsExactly(tuple("key-a", at(SIZE)));
        assertThat(send(0, "a3", "key-a", 20_000, 4)).as("an event behind the mark by more than grace is late")
                .singleElement().extracting(WindowResult::lateUpdate).isEqualTo(true);
    }

    @Test
    void idleCloseIsOnlyAFallbackForPartitionsThatNeverSentAMark() {
        send(0, "a1", "key-a", 1_000, 1);
        mark(0, 2_000);
        send(1, "b1", "key-b", 1_000, 8);

        assertThat(idleFor(10 * IDLE)).as("partition 0 sends marks: only partition 1 is closed by idleness")
                .extracting(WindowResult::businessKey).containsExactly("key-b");
        assertThat(windows.openWindows()).isEqualTo(1);
        assertThat(mark(0, SIZE + GRACE)).extracting(WindowResult::businessKey).containsExactly("key-a");
    }

    @Test
    void aFreshStateHasNothingToCloseOnPartitionsItHasNotReadSinceItStarted() {
        send(0, "a1", "key-a", 1_000, 1);
        windows = windows(1_000, 1_000);

        assertThat(idleFor(10 * IDLE)).isEmpty();
        send(0, "a2", "key-a", 2_000, 2);
        assertThat(mark(0, SIZE + GRACE)).as("what the restarted state read since it started")
                .extracting(WindowResult::calculatedValue, WindowResult::revision).containsExactly(tuple(2L, 1));
    }

    @Test
    void aResumedPartitionFlagsTheWindowsStartingBeforeItsFirstMarkAsPossiblyIncomplete() {
        send(0, "a1", "key-a", 1_000, 1);
        assertThat(out).isEmpty();
        mark(0, SIZE + GRACE);
        assertThat(out).as("read from offset 0: nothing before it").singleElement()
                .extracting(WindowResult::resumed).isEqualTo(false);
        out.clear();
        send(0, "a2", "key-a", 15_000, 2);
        windows = windows(1_000, 1_000); // a restart: offsets go on from the last commit

        send(0, "a3", "key-a", 18_000, 4);
        mark(0, 2 * SIZE);
        send(0, "a4", "key-a", 21_000, 8);
        send(0, "a5", "key-a", 31_000, 16);
        mark(0, 4 * SIZE + GRACE);
        assertThat(out).as("the window of a2 and a3 started before the first mark after the restart; a4's did not")
                .extracting(WindowResult::windowStart, WindowResult::calculatedValue, WindowResult::resumed)
                .containsExactly(tuple(at(SIZE), 4L, true), tuple(at(2 * SIZE), 8L, false), tuple(at(3 * SIZE), 16L, false));
    }
}
