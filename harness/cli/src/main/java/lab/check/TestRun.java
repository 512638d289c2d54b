package lab.check;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import lab.components.Components;
import lab.experiment.Experiment;
import lab.experiment.Repetitions;
import lab.load.CpuLoad;
import lab.stack.Component;
import lab.stack.Config;
import lab.stack.LabException;
import lab.stack.Maven;
import lab.stack.Stack;
import lab.stack.Trees;
import lab.stack.Wire;

/**
 * `lab test`: the wire module's build and tests (installed for the service and the job to build against), the
 * harness's own build and tests, then the service's build and tests against a
 * separate, fresh test stack (its own LAB_HOME and ports), which is always stopped again, and the service's
 * native sources with their reflection check. `lab test --fast` runs only the unit tests, without a stack;
 * `lab test --its` runs only some of the service's integration tests, repeatedly, on such a stack.
 */
public final class TestRun {

    static final int PORT_SHIFT = 100;
    /**
     * What the service's tests need running: both read models with their Debezium Servers, Mode A's processor and
     * Mode B's Flink cluster with its job. Not app: the tests run the service in-process, and a second decision
     * layer would share its consumer group.
     */
    static final List<String> TEST_COMPONENTS = List.of("postgres", "kafka", "mongodb", "elasticsearch",
            "cdc-mongodb", "cdc-elasticsearch", "processor", "jobmanager", "taskmanager", "flink-job");

    private record Step(String name, String result, double seconds) {
    }

    private final Config config;
    private final PrintStream out;
    private static final String FLINK_JOB_POM = "flink-job/pom.xml";
    private static final String DEBEZIUM_SERVER_POM = "debezium-server/pom.xml";

    private final List<Step> steps = new ArrayList<>();
    /** The quick experiment's repetitions, once run. */
    private Repetitions experiment;

    public TestRun(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public int run() {
        long begin = System.currentTimeMillis();
        Path root = config.root();
        Config testConfig = testConfig();
        Stack stack = new Stack(testConfig, Components.all(testConfig), out);
        // Created now: step 1 rebuilds the jar this process runs from, so a class first loaded later may be gone.
        NativeSources nativeSources = new NativeSources(root, out);
        Thread stopOnExit = new Thread(stack::abandon);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            step("wire: build, test and install", () -> Wire.install(root));
            step("harness: build and test", () -> Maven.run(root, "-B", "-f", "harness/pom.xml", "verify") == 0);
            step("debezium server: build and test",
                    () -> Maven.run(root, "-B", "-f", DEBEZIUM_SERVER_POM, "verify") == 0);
            if (upFresh(stack)) {
                step("flink job: build and test", () -> Maven.run(root, flinkJobArgs(testConfig)) == 0);
                step("service: build and test", () -> Maven.run(root, serviceArgs(testConfig)) == 0);
                step("experiment: the decision table, quick, every row, twice: the repetitions agree",
                        () -> experiment(stack));
            } else {
                steps.add(new Step("flink job and service: build and test", "SKIPPED (no test stack)", 0));
            }
            step("service: native sources", nativeSources::buildAndCheck);
        } finally {
            down(stack, stopOnExit);
        }
        return summary(begin);
    }

    /**
     * `lab test --fast`: every project's unit tests, the Flink job's operator harness tests among them; no stack, no
     * browser. Maven's test phase stops before packaging, so failsafe's integration tests do not run.
     */
    public int fast() {
        long begin = System.currentTimeMillis();
        Path root = config.root();
        step("wire: build, test and install", () -> Wire.install(root));
        step("harness: unit tests", () -> Maven.run(root, "-B", "-f", "harness/pom.xml", "test") == 0);
        step("debezium server: unit tests", () -> Maven.run(root, "-B", "-f", DEBEZIUM_SERVER_POM, "test") == 0);
        step("flink job: unit and operator harness tests",
                () -> Maven.run(root, "-B", "-f", FLINK_JOB_POM, "test") == 0);
        // Nothing in the service is generated and its unit tests are plain JUnit: Quarkus' code generation goals
        // would only add half a minute.
        step("service: unit tests", () -> Maven.run(root, "-B", "test", "-Dquarkus.generate-code.skip=true") == 0);
        return summary(begin);
    }

    /** Each step's result and time, the test counts of the reports written since begin; 0 when no step failed. */
    private int summary(long begin) {
        out.println("\n== lab test summary ==");
        steps.forEach(s -> out.printf("  %-22s %7.1f s  %s%n", s.result(), s.seconds(), s.name()));
        out.println(testCounts(begin));
        return steps.stream().allMatch(s -> !s.result().equals("FAILED")) ? 0 : 1;
    }

    /**
     * `lab test --its A,B --repeat N [--load]`: a fresh test stack, then only those integration tests of the service,
     * N times through the full test's Maven build, with the CPU burner running when load; no retries. Prints each
     * repetition's result, the total, and last a JSON line of the counts; 0 when every repetition passed.
     */
    public int soak(List<String> its, int repeat, boolean load) {
        Config testConfig = testConfig();
        Stack stack = new Stack(testConfig, Components.all(testConfig), out);
        Thread stopOnExit = new Thread(stack::abandon);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        Soak soak = new Soak(its, repeat, load);
        List<String> lines = new ArrayList<>();
        try {
            if (upFresh(stack)) {
                try (CpuLoad burner = load ? CpuLoad.start(out) : null) {
                    for (int i = 1; i <= repeat; i++) {
                        out.printf("%n== lab test --its %s: repetition %d/%d ==%n", String.join(",", its), i, repeat);
                        long begin = System.nanoTime();
                        long beginMillis = System.currentTimeMillis();
                        boolean passed = Maven.run(config.root(), Soak.mavenArgs(serviceArgs(testConfig), its)) == 0;
                        lines.add(soak.add(passed, (System.nanoTime() - begin) / 1e9, failedSuites(beginMillis)));
                        out.println(lines.getLast());
                    }
                }
            }
        } finally {
            down(stack, stopOnExit);
        }
        out.printf("%n== lab test --its %s ==%n", String.join(",", its));
        lines.forEach(l -> out.println("  " + l));
        out.println(soak.total());
        out.println(soak.json());
        return soak.allPassed() ? 0 : 1;
    }

    private Config testConfig() {
        return config.relocated(config.home().resolve("test"), PORT_SHIFT);
    }

    /** A fresh test stack with every test component this machine can run. */
    private boolean upFresh(Stack stack) {
        List<String> components = TEST_COMPONENTS.stream()
                .filter(name -> stack.component(name).unavailableReason() == null).toList();
        return step("test stack: fresh, up " + String.join(" ", components), () -> {
            fresh(stack);
            stack.up(components);
            return true;
        });
    }

    /** Stops the test stack, unless the JVM is shutting down and the hook does it. */
    private void down(Stack stack, Thread stopOnExit) {
        if (removed(stopOnExit)) {
            step("test stack: down", () -> {
                stack.down();
                return true;
            });
        }
    }

    /**
     * The quick experiment end to end on the test stack, twice, now with the service as its own process (app). Only
     * after the service's tests: their in-process service and app would share the decision layer's consumer group.
     * Passes when in both repetitions the observed table equals the expected one (for FLINK that includes every
     * event of the ground truth accounted for in PostgreSQL) and the repetitions agree.
     */
    private boolean experiment(Stack stack) {
        stack.up(List.of("app"));
        experiment = new Experiment(stack, out, true, stack.component("app").endpoint(), false).repeat(2);
        return experiment.ok();
    }

    /** The Flink job's own build: operator harness tests, and its exactly-once test against the stack's Kafka. */
    static String[] flinkJobArgs(Config testConfig) {
        return new String[] {"-B", "-f", FLINK_JOB_POM, "verify",
                "-Dkafka.bootstrap.servers=127.0.0.1:" + testConfig.port("kafka.port")};
    }

    /**
     * The service's Maven run: the test stack's ports, the Flink REST API, and how its tests can reach the lab
     * to inject faults: `LAB_HOME=lab.home LAB_PORT_OFFSET=lab.port.offset <lab.cli> fault processor-restart`.
     */
    static String[] serviceArgs(Config testConfig) {
        return new String[] {"-B", "verify",
                "-Dlab.postgres.port=" + testConfig.port("postgres.port"),
                "-Dkafka.bootstrap.servers=127.0.0.1:" + testConfig.port("kafka.port"),
                "-Dquarkus.mongodb.connection-string=mongodb://127.0.0.1:" + testConfig.port("mongodb.port"),
                "-Dquarkus.elasticsearch.hosts=127.0.0.1:" + testConfig.port("elasticsearch.port"),
                "-Dlab.cli=" + testConfig.root().resolve("lab"),
                "-Dlab.home=" + testConfig.home(),
                "-Dlab.port.offset=" + testConfig.portOffset(),
                "-Dlab.flink.rest=http://127.0.0.1:" + testConfig.port("flink.rest.port"),
                "-Dlab.flink.web-url=http://127.0.0.1:" + testConfig.port("flink.rest.port")};
    }

    /**
     * Every run starts from nothing: whatever a previous run left running is stopped by its pid files, then
     * the test LAB_HOME (the lab's own throwaway state) is deleted, with data directories kept elsewhere.
     */
    private static void fresh(Stack stack) throws IOException {
        stack.down();
        for (Component c : stack.ordered()) {
            Trees.delete(c.dataDir());
        }
        Trees.delete(stack.config().home());
    }

    /** False while the JVM is shutting down (Ctrl-C): then the hook itself stops the stack. */
    private static boolean removed(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private boolean step(String name, Callable<Boolean> body) {
        out.printf("%n== lab test: %s ==%n", name);
        long begin = System.nanoTime();
        boolean ok;
        try {
            ok = body.call();
        } catch (LabException e) {
            out.println("lab: " + e.getMessage());
            ok = false;
        } catch (Exception e) {
            out.println("lab: " + e);
            ok = false;
        }
        steps.add(new Step(name, ok ? "OK" : "FAILED", (System.nanoTime() - begin) / 1e9));
        return ok;
    }

    /**
     * Totals of the JUnit reports this run wrote (wire, harness, Debezium Server, Flink job, service; surefire and
     * failsafe), and of the experiment's rows.
     */
    private String testCounts(long sinceMillis) {
        TestCounts counts = TestCounts.NONE;
        List<Path> projects = new ArrayList<>(List.of(config.root(), config.root().resolve(Wire.DIR),
                config.root().resolve("flink-job"), config.root().resolve("debezium-server")));
        try (Stream<Path> harness = Files.list(config.root().resolve("harness"))) {
            projects.addAll(harness.filter(Files::isDirectory).toList());
            for (Path project : projects) {
                for (String kind : List.of("surefire-reports", "failsafe-reports")) {
                    counts = counts.plus(TestCounts.in(project.resolve("target").resolve(kind), sinceMillis));
                }
            }
        } catch (IOException e) {
            return "tests: reports unreadable (" + e.getMessage() + ")";
        }
        if (experiment != null) {
            // each row of each repetition counts as a test; a case this stack could not run as skipped
            for (Experiment.Result repetition : experiment.results()) {
                int notRun = repetition.notRunRows();
                counts = counts.plus(
                        new TestCounts(repetition.rows().size() + notRun, (int) repetition.differing(), 0, notRun));
            }
        }
        return counts.line();
    }

    /** The service's test classes with a failure or error in the failsafe reports written since then. */
    private List<String> failedSuites(long sinceMillis) {
        List<String> failed = new ArrayList<>();
        try {
            Path reports = config.root().resolve("target").resolve("failsafe-reports");
            for (Path report : TestCounts.reports(reports, sinceMillis)) {
                if (TestCounts.of(report).failed() > 0) {
                    failed.add(Soak.testClass(report.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            failed.add("(reports unreadable: " + e.getMessage() + ")");
        }
        return failed;
    }
}
