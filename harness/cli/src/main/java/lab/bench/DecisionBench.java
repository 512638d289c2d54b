package lab.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lab.components.Kafka;
import lab.components.Postgres;
import lab.stack.LabException;
import lab.stack.Stack;
import lab.stack.Wire;

/**
 * `lab bench decision`: the service's DecisionBenchmark (decision layer against a plain JDBC loop of the same
 * SQL) against the user's PostgreSQL and Kafka. Streams Maven's output, then repeats the figures.
 */
public final class DecisionBench {

    public static final int DEFAULT_RESULTS = 5000;
    static final String HEADING = "== decision layer benchmark";

    private final Stack stack;
    private final PrintStream out;

    public DecisionBench(Stack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /** The Maven arguments of one benchmark run. */
    static List<String> mavenArgs(int results, int postgresPort, String kafkaBootstrap) {
        return List.of("-B", "verify", "-Dit.test=DecisionBenchmark", "-Dtest=skip",
                "-Dsurefire.failIfNoSpecifiedTests=false", "-Dbench.results=" + results,
                "-Dlab.postgres.port=" + postgresPort, "-Dkafka.bootstrap.servers=" + kafkaBootstrap);
    }

    public int run(int results) {
        if (results < 1) {
            throw new LabException("--results must be at least 1, got " + results);
        }
        long begin = System.nanoTime();
        Wire.installed(stack.config().root());  // the benchmark is a test of the service, built on it
        stack.up(List.of("postgres", "kafka"));
        Postgres postgres = (Postgres) stack.component("postgres");
        Kafka kafka = (Kafka) stack.component("kafka");
        List<String> command = new ArrayList<>(List.of(stack.config().root().resolve("mvnw").toString()));
        command.addAll(mavenArgs(results, postgres.port(), kafka.endpoint()));
        out.printf("%n%s%n", String.join(" ", command));
        BenchFigures figures = new BenchFigures(HEADING);
        int exit = stream(command, figures);
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (exit != 0) {
            out.printf("%nlab: the benchmark failed (Maven exit %d) after %.0f s%n", exit, seconds);
            return 1;
        }
        var block = figures.figures();
        if (block.isEmpty()) {
            out.printf("%nlab: Maven succeeded but printed no '%s' block (did the benchmark run?)%n", HEADING);
            return 1;
        }
        out.printf("%n%s%nbenchmark took %.0f s%n", block.get(), seconds);
        return 0;
    }

    private int stream(List<String> command, BenchFigures figures) {
        try {
            Process maven = new ProcessBuilder(command).directory(stack.config().root().toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    out.println(line);
                    figures.accept(line);
                }
            }
            return maven.waitFor();
        } catch (IOException e) {
            throw new LabException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted: " + command);
        }
    }
}
