package lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void unknownOrMissingCommandIsAUsageError() {
        assertEquals(2, Main.run(new String[] {"frobnicate"}, Map.of()));
        assertEquals(2, Main.run(new String[0], Map.of()));
    }

    @Test
    void specTakesNoArguments() {
        assertEquals(2, Main.run(new String[] {"spec", "--check"}, Map.of()));
    }

    @Test
    void helpSucceeds() {
        assertEquals(0, Main.run(new String[] {"help"}, Map.of()));
    }

    @Test
    void faultAndBenchArgumentsAreChecked() {
        assertEquals(2, Main.run(new String[] {"fault"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"fault", "--json"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"fault", "processor-restart", "--savepoint"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"fault", "flink-job-restart", "--bogus", "--json"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"fault", "flink-job-restart", "taskmanager-kill"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"bench"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"bench", "flink"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"bench", "decision", "--results", "many"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"bench", "decision", "--fast"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"bench", "cdc", "--rates", "500,fast"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"bench", "cdc", "--results", "5"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"bench", "cdc", "--seconds"}, Map.of()));
    }

    @Test
    void repeatAndLoadArgumentsAreChecked() {
        assertEquals(2, Main.run(new String[] {"demo", "--repeat"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"demo", "--repeat", "0"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"demo", "--quick", "--repeat", "twice"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"demo", "--load", "--fast"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"test", "--repeat", "2"}, Map.of()), "--repeat needs --its");
        assertEquals(2, Main.run(new String[] {"test", "--load"}, Map.of()), "--load needs --its");
        assertEquals(2, Main.run(new String[] {"test", "--its"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"test", "--its", "FlinkPipelineIT,", "--repeat", "2"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"test", "--its", "FlinkPipelineIT", "--repeat", "-1"}, Map.of()));
    }
}
