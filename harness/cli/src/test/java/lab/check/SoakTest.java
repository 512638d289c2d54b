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
    void everyRepetitionIsTalliedAndTheCountsEndAsJson() {
        Soak soak = new Soak(ITS, 3, true);
        assertEquals("repetition 1/3: PASSED (42 s)", soak.add(true, 41.6));
        assertEquals("repetition 2/3: FAILED (40 s)", soak.add(false, 40));
        assertEquals("repetition 3/3: PASSED (39 s)", soak.add(true, 39));
        assertEquals("2/3 passed", soak.total());
        assertFalse(soak.allPassed());
        assertEquals("{\"its\":[\"FlinkPipelineIT\",\"KafkaOnlyPipelineIT\",\"ReadModelsIT\"],\"load\":true,"
                + "\"repetitions\":3,\"run\":3,\"passed\":2,\"failed\":1}", soak.json());
    }

    @Test
    void repetitionsThatNeverRanAreNotPassed() {
        Soak soak = new Soak(ITS, 2, false);
        assertFalse(soak.allPassed());
        assertEquals("0/2 passed (2 not run)", soak.total());
        soak.add(true, 1);
        soak.add(true, 1);
        assertTrue(soak.allPassed());
        assertEquals("2/2 passed", soak.total());
    }
}
