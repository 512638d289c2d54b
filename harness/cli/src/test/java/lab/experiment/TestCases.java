package lab.experiment;

import static lab.experiment.DecisionTable.APPLIED;
import static lab.experiment.DecisionTable.FLINK;
import static lab.experiment.DecisionTable.KAFKA_ONLY;
import static lab.experiment.DecisionTable.STABLE;
import static lab.experiment.DecisionTable.UPSERT;
import static lab.experiment.DecisionTable.confidence;

import java.util.List;

/** Cases for tests of the reports: a fixed shape, whatever order and rows the real table has. */
final class TestCases {

    /** The restart scenario with a row per engine in one run, so one case yields digests of both engines. */
    static final Case RESTART = new Case("restart-duplication", "restart duplication", "{}", "{}", List.of(),
            List.of(new Case.Expected(KAFKA_ONLY, UPSERT, APPLIED, APPLIED, confidence("LOW")),
                    new Case.Expected(FLINK, STABLE, APPLIED, APPLIED, confidence("HIGH"))));

    private TestCases() {
    }

    /** The real table's case {@code id}. */
    static Case named(String id) {
        return DecisionTable.cases().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
