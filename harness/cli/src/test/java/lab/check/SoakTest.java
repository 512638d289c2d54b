package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakTest {

    private static final List<String> ITS = List.of("FlinkPipelineIT", "KafkaOnlyPipelineIT", "ReadModelsIT");

    @Test
    void failsafeRunsOnlyTheChosenTestsWithTheTestStacksProperties() {
        assertEquals(List.of("-B", "verify", "-Dlab.postgres.port=1", "-Dit.test=FlinkPipelineIT,KafkaOnlyPipelineIT,ReadModelsIT",
                        "-Dtest=skip", "-Dsurefire.failIfNoSpecifiedTests=false"),
                List.of(Soak.mavenArgs(new String[] {"-B", "verify", "-Dlab.postgres.port=1"}, ITS)));
    }

    @Test
    void aFailedTestIsNamedByItsClass() {
        assertEquals("FlinkPipelineIT", Soak.testClass("TEST-consistency.decision.FlinkPipelineIT.xml"));
        assertEquals("ReadModelsIT", Soak.testClass("TEST-ReadModelsIT.xml"));
    }

    @Test
    void everyRepetitionIsTalliedAndTheCountsEndAsJson() {
        Soak soak = new Soak(ITS, 3, true);
        assertEquals("repetition 1/3: PASSED (42 s)", soak.add(true, 41.6, List.of()));
        assertEquals("repetition 2/3: FAILED (40 s): FlinkPipelineIT, ReadModelsIT",
                soak.add(false, 40, List.of("FlinkPipelineIT", "ReadModelsIT")));
        assertEquals("repetition 3/3: FAILED (39 s): ReadModelsIT", soak.add(false, 39, List.of("ReadModelsIT")));
        assertEquals("1/3 passed", soak.total());
        assertFalse(soak.allPassed());
        assertEquals("{\"its\":[\"FlinkPipelineIT\",\"KafkaOnlyPipelineIT\",\"ReadModelsIT\"],\"load\":true,"
                + "\"repetitions\":3,\"run\":3,\"passed\":1,\"failed\":2,"
                + "\"failures\":{\"FlinkPipelineIT\":1,\"ReadModelsIT\":2}}", soak.json());
    }

    @Test
    void repetitionsThatNeverRanAreNotPassed() {
        Soak soak = new Soak(ITS, 2, false);
        assertFalse(soak.allPassed());
        assertEquals("0/2 passed (2 not run)", soak.total());
        soak.add(true, 1, List.of());
        soak.add(true, 1, List.of());
        assertTrue(soak.allPassed());
        assertEquals("2/2 passed", soak.total());
    }
}
