package consistency.generator;

import consistency.generator.Emission.Kind;
import consistency.wire.EventCodec;
import consistency.wire.LabEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class EventGeneratorTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant SENT = Instant.parse("2026-01-01T01:00:00Z");
    private final EventGenerator generator = new EventGenerator();

    private static Scenario scenario(Scenario.Duplicates duplicates, Scenario.OutOfOrder outOfOrder, Scenario.Late late,
                                     Scenario.Replay replay) {
        return new Scenario(42L, 4, 200, 10_000L, 250L, null, BASE, duplicates, outOfOrder, late, replay);
    }

    private static Scenario clean() {
        return scenario(null, null, null, null);
    }

    private static Scenario everything() {
        return scenario(new Scenario.Duplicates(0.2), new Scenario.OutOfOrder(3_000L), new Scenario.Late(0.05, 30_000L),
                new Scenario.Replay(50L, 40));
    }

    private static List<String> bytes(EventPlan plan) {
        return plan.emissions().stream().map(e -> e.kind() + " " + EventCodec.encode(e.event().producedAt(SENT))).toList();
    }

    private static List<Emission> originals(EventPlan plan) {
        return plan.emissions().stream().filter(e -> e.kind() == Kind.ORIGINAL).toList();
    }

    @Test
    void sameScenarioSeedAndRunGiveTheSameEventsByteForByte() {
        assertThat(bytes(generator.plan(everything(), "r1"))).isEqualTo(bytes(generator.plan(everything(), "r1")));
    }

    @Test
    void anotherSeedGivesOtherAmounts() {
        Scenario other = new Scenario(43L, 4, 200, 10_000L, 250L, null, BASE, null, null, null, null);
        assertThat(bytes(generator.plan(other, "r1"))).isNotEqualTo(bytes(generator.plan(clean(), "r1")));
    }

    @Test
    void cleanRunSendsEachEventOnceInEventTimeOrder() {
        EventPlan plan = generator.plan(clean(), "r1");
        assertThat(plan.emissions()).hasSize(800).allMatch(e -> e.kind() == Kind.ORIGINAL && !e.late() && !e.outOfOrder()
                && e.latenessMs() == 0);
        assertThat(plan.emissions().stream().map(e -> e.event().eventId()).distinct()).hasSize(800);
        List<Instant> times = plan.emissions().stream().map(e -> e.event().eventTime()).toList();
        assertThat(times).isSorted();
        assertThat(plan.emissions().stream().map(e -> e.event().businessKey()).distinct())
                .containsExactly("r1-acct-0001", "r1-acct-0002", "r1-acct-0003", "r1-acct-0004");
        assertThat(plan.emissions()).allMatch(e -> e.event().amount() >= EventGenerator.MIN_AMOUNT
                && e.event().amount() <= EventGenerator.MAX_AMOUNT);
        assertThat(plan.emissions()).anyMatch(e -> e.event().amount() < 0);
    }

    @Test
    void duplicatesRepeatAnEarlierSendAndChangeNothingElse() {
        EventPlan clean = generator.plan(clean(), "r1");
        EventPlan plan = generator.plan(scenario(new Scenario.Duplicates(0.2), null, null, null), "r1");

        List<Emission> duplicates = plan.emissions().stream().filter(e -> e.kind() == Kind.DUPLICATE).toList();
        assertThat(duplicates.size()).isBetween(120, 200);
        assertThat(plan.counts().duplicates()).isEqualTo(duplicates.size());
        assertThat(originals(plan).stream().map(Emission::event).toList())
                .isEqualTo(clean.emissions().stream().map(Emission::event).toList());
        Map<String, Integer> firstSend = new HashMap<>();
        for (Emission e : plan.emissions()) {
            firstSend.putIfAbsent(e.event().eventId(), e.index());
            if (e.kind() == Kind.DUPLICATE) {
                Emission original = plan.emissions().get(firstSend.get(e.event().eventId()));
                assertThat(original.kind()).isEqualTo(Kind.ORIGINAL);
                assertThat(e.event()).isEqualTo(original.event());
                assertThat(e.index()).isGreaterThan(original.index());
            }
        }
        assertThat(plan.emissions()).noneMatch(e -> e.late() || e.outOfOrder() || e.kind() == Kind.REPLAY);
    }

    @Test
    void outOfOrderShufflesWithinTheWindowOnly() {
        EventPlan plan = generator.plan(scenario(null, new Scenario.OutOfOrder(3_000L), null, null), "r1");

        assertThat(plan.emissions()).hasSize(800).allMatch(e -> e.kind() == Kind.ORIGINAL && !e.late());
        assertThat(plan.counts().outOfOrder()).isGreaterThan(100);
        assertThat(plan.emissions()).allMatch(e -> e.latenessMs() <= 3_000);
        assertThat(plan.emissions()).allMatch(e -> e.outOfOrder() == (e.latenessMs() > 0));
        assertThat(plan.emissions().stream().map(e -> e.event().eventTime()).toList()).isNotEqualTo(
                plan.emissions().stream().map(e -> e.event().eventTime()).sorted().toList());
    }

    @Test
    void lateEventsArriveAtLeastLateByBehindTheirKey() {
        EventPlan plan = generator.plan(scenario(null, new Scenario.OutOfOrder(3_000L), new Scenario.Late(0.05, 30_000L), null),
                "r1");

        List<Emission> late = plan.emissions().stream().filter(Emission::late).toList();
        assertThat(late).hasSize(40).allMatch(e -> e.kind() == Kind.ORIGINAL && !e.outOfOrder());
        assertThat(late).allMatch(e -> e.latenessMs() >= 30_000);
        assertThat(plan.emissions()).filteredOn(Predicate.not(Emission::late)).allMatch(e -> e.latenessMs() <= 3_000);
        assertThat(plan.emissions()).hasSize(800);
    }

    @Test
    void lateFractionIsCappedByEventsThatCanStillBeOvertaken() {
        Scenario shortRun = new Scenario(1L, 2, 10, 10_000L, 1_000L, null, BASE, null, null, new Scenario.Late(1.0, 5_000L),
                null);
        EventPlan plan = generator.plan(shortRun, "r1");
        assertThat(plan.counts().late()).isEqualTo(10);
        assertThat(plan.emissions()).filteredOn(Emission::late).allMatch(e -> e.event().sequence() <= 5);
    }

    @Test
    void replayResendsTheRangeOfEveryKeyAfterItsLastOriginal() {
        EventPlan plan = generator.plan(scenario(null, null, null, new Scenario.Replay(50L, 40)), "r1");

        List<Emission> replays = plan.emissions().stream().filter(e -> e.kind() == Kind.REPLAY).toList();
        assertThat(replays).hasSize(160).allMatch(e -> e.event().sequence() >= 50 && e.event().sequence() <= 89);
        int firstReplay = replays.get(0).index();
        int lastOriginalOfRange = plan.emissions().stream()
                .filter(e -> e.kind() == Kind.ORIGINAL && e.event().sequence() >= 50 && e.event().sequence() <= 89)
                .mapToInt(Emission::index).max().orElseThrow();
        assertThat(firstReplay).isGreaterThan(lastOriginalOfRange);
        assertThat(replays.get(replays.size() - 1).index() - firstReplay).isEqualTo(159);
        Set<String> replayedIds = new HashSet<>();
        replays.forEach(e -> replayedIds.add(e.event().eventId()));
        assertThat(replayedIds).hasSize(160);
        assertThat(plan.emissions()).noneMatch(e -> e.late() || e.outOfOrder() || e.kind() == Kind.DUPLICATE);
    }

    @Test
    void everythingTogetherKeepsEachBusinessEventIdentical() {
        EventPlan plan = generator.plan(everything(), "r7");
        Map<String, LabEvent> byId = new HashMap<>();
        for (Emission e : plan.emissions()) {
            LabEvent first = byId.putIfAbsent(e.event().eventId(), e.event());
            if (first != null) {
                assertThat(e.event()).isEqualTo(first);
                assertThat(e.kind()).isNotEqualTo(Kind.ORIGINAL);
            } else {
                assertThat(e.kind()).isEqualTo(Kind.ORIGINAL);
            }
        }
        assertThat(byId).hasSize(800);
        EventPlan.Counts counts = plan.counts();
        assertThat(counts.total()).isEqualTo(800 + counts.duplicates() + 160);
        assertThat(plan.emissions()).allMatch(e -> e.event().businessKey().startsWith("r7-acct-"));
    }

    @Test
    void progressMarksFollowTheDeliveryClockAndNothingLaterIsDeliveredBeforeThem() {
        EventPlan plan = generator.plan(everything(), "r1");
        List<EventPlan.Progress> marks = plan.progress();

        // A clean run's events are delivered at their event time: 200 events of 250 ms per key, 4 keys -> 50 s.
        assertThat(generator.plan(clean(), "r1").progress()).hasSize(50 + 1);
        assertThat(marks.stream().map(EventPlan.Progress::reached).toList()).isSorted().doesNotHaveDuplicates();
        assertThat(marks.stream().map(EventPlan.Progress::beforeEmission).toList()).isSorted();
        for (EventPlan.Progress mark : marks.subList(0, marks.size() - 1)) {
            assertThat(mark.reached().toEpochMilli() % EventGenerator.PROGRESS_STEP_MS).isZero();
            // An original that is neither late nor a copy is never further behind a mark than the out-of-order window.
            plan.emissions().subList(mark.beforeEmission(), plan.emissions().size()).stream()
                    .filter(e -> e.kind() == Kind.ORIGINAL && !e.late())
                    .forEach(e -> assertThat(e.event().eventTime()).isAfterOrEqualTo(mark.reached().minusMillis(3_000)));
        }
        assertThat(plan.emissions()).filteredOn(Emission::late).allMatch(e -> marks.stream()
                .anyMatch(m -> m.beforeEmission() <= e.index() && m.reached().isAfter(e.event().eventTime().plusMillis(30_000))));
    }

    @Test
    void theClosingMarkIsOneWholeWindowPastTheWindowOfTheLastDelivery() {
        EventPlan plan = generator.plan(clean(), "r1");

        // The last event is at 49.937 s (window [40 s, 50 s)), delivered then: the closing mark is 50 s + 10 s.
        assertThat(plan.lastEventTime()).isEqualTo(BASE.plusMillis(49_937));
        assertThat(plan.progress().getLast()).isEqualTo(new EventPlan.Progress(800, BASE.plusSeconds(60)));
        assertThat(plan.closingTime()).isEqualTo(BASE.plusSeconds(60));
        assertThat(EventGenerator.closingTime(BASE.plusSeconds(50).toEpochMilli(), 10_000)).isEqualTo(BASE.plusSeconds(70));
    }
}
