package lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {

    private static Optional<String> figures(String output) {
        BenchFigures figures = new BenchFigures(DecisionBench.HEADING);
        output.lines().forEach(figures::accept);
        return figures.figures();
    }

    @Test
    void theBlockRunsFromItsHeadingToTheBlankLineAfterMachine() {
        String output = """
                [INFO] Running consistency.store.DecisionBenchmark
                2026-11-25 17:00:01 INFO  [io.quarkus] started

                == decision layer benchmark: 5000 results, one PostgreSQL transaction each ==
                decision layer (Kafka -> rules -> PostgreSQL):     1400 results/s
                baseline (same SQL, plain JDBC loop):              1700 results/s
                ratio decision layer / baseline:                   0.82
                machine: 2 cores, load average 1.20 0.90 0.70 2/300 123

                2026-11-25 17:00:09 INFO  [io.quarkus] stopped
                [INFO] Tests run: 1, Failures: 0
                """;
        assertEquals("""
                == decision layer benchmark: 5000 results, one PostgreSQL transaction each ==
                decision layer (Kafka -> rules -> PostgreSQL):     1400 results/s
                baseline (same SQL, plain JDBC loop):              1700 results/s
                ratio decision layer / baseline:                   0.82
                machine: 2 cores, load average 1.20 0.90 0.70 2/300 123
                """, figures(output).orElseThrow());
    }

    @Test
    void colourCodesAreIgnoredAndTheLastBlockWins() {
        String output = String.join("\n", List.of(
                "\u001B[1m== decision layer benchmark: 10 results\u001B[0m", "a: 1", "machine: 2 cores", "",
                "noise",
                "== decision layer benchmark: 20 results", "a: 2", "machine: 2 cores", "", "after"));
        assertEquals("== decision layer benchmark: 20 results\na: 2\nmachine: 2 cores\n", figures(output).orElseThrow());
    }

    @Test
    void aBlockCutOffByTheEndOfOutputCountsOnlyOnceMachineWasPrinted() {
        assertEquals("== decision layer benchmark: 1\nmachine: 1 core\n",
                figures("== decision layer benchmark: 1\nmachine: 1 core").orElseThrow());
        assertTrue(figures("== decision layer benchmark: 1\ndecision layer: 5 results/s").isEmpty());
        assertTrue(figures("[INFO] BUILD FAILURE").isEmpty());
    }

    @Test
    void mavenRunsOnlyTheBenchmarkOnTheGivenStack() {
        assertEquals(List.of("-B", "verify", "-Dit.test=DecisionBenchmark", "-Dtest=skip",
                        "-Dsurefire.failIfNoSpecifiedTests=false", "-Dbench.results=700",
                        "-Dlab.postgres.port=15432", "-Dkafka.bootstrap.servers=127.0.0.1:19092"),
                DecisionBench.mavenArgs(700, 15432, "127.0.0.1:19092"));
    }
}
