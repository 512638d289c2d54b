package lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import lab.fault.FaultOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** ./lab's parsing only: nothing here starts anything. */
class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Exit code of ./lab args, with its output in out and err. */
    private int lab(String... args) {
        CommandLine cli = Main.commandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** The command args select, with its options parsed but not run. */
    private static <T> T parsed(Class<T> type, String... args) {
        ParseResult parsed = Main.commandLine(Map.of()).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return assertInstanceOf(type, parsed.commandSpec().userObject());
    }

    /** A usage error: exit code 2, and err starts with "lab: " and the reason. */
    private void usageError(String reason, String... args) {
        assertEquals(2, lab(args), String.join(" ", args));
        assertTrue(err.toString().startsWith("lab: "), err.toString());
        assertTrue(err.toString().contains(reason), err.toString());
        assertTrue(err.toString().contains("Usage: ./lab"), "the usage follows the error: " + err);
        err.getBuffer().setLength(0);
    }

    @Test
    void helpListsEveryCommandComponentAndFault() {
        assertEquals(0, lab("help"));
        for (String word : List.of("up", "down", "dev", "status", "fault", "demo", "bench", "test", "check-native", "spec",
                "cdc-elasticsearch", "flink-job", "processor-restart", "cdc-pause", "LAB_PORT_OFFSET")) {
            assertTrue(out.toString().contains(word), word + " in:\n" + out);
        }
        assertEquals("", err.toString());
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        assertEquals(0, lab("demo", "--help"));
        assertTrue(out.toString().startsWith("Usage: ./lab demo [-h] [--quick] [--url URL] [--repeat N] [--load]"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, lab("bench", "cdc", "--help"));
        assertTrue(out.toString().contains("--rates R,R,..."), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, lab("test", "--help"));
        assertTrue(out.toString().startsWith("Usage: ./lab test [-h] [--fast | --its IT,IT,... [--repeat N] [--load]]"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, lab("fault", "cdc-pause", "--help"));
        assertTrue(out.toString().contains("[mongodb|elasticsearch|both]"), out.toString());
        assertTrue(out.toString().contains("--for DURATION"), out.toString());
        assertTrue(out.toString().contains("--run RUN_ID"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, lab("fault", "flink-job-restart", "--help"));
        assertTrue(out.toString().contains("--savepoint"), out.toString());
    }

    @Test
    void unknownOrMissingCommandIsAUsageError() {
        usageError("Unmatched argument at index 0: 'frobnicate'", "frobnicate");
        usageError("missing a command");
        usageError("Unknown option: '--check'", "spec", "--check");
        usageError("Unknown option: '--xml'", "status", "--xml");
    }

    @Test
    void statusAndComponents() {
        assertTrue(parsed(Main.StatusCommand.class, "status", "--json").json);
        assertFalse(parsed(Main.StatusCommand.class, "status").json);
        assertEquals(List.of("kafka", "app"), parsed(Main.UpCommand.class, "up", "kafka", "app").components);
        assertEquals(List.of(), parsed(Main.UpCommand.class, "up").components);
        assertEquals(List.of("postgres"), parsed(Main.DevCommand.class, "dev", "postgres").components);
    }

    @Test
    void demoOptions() {
        Main.DemoCommand demo = parsed(Main.DemoCommand.class, "demo", "--quick", "--repeat", "3", "--load", "--url", "http://x:8080");
        assertTrue(demo.quick);
        assertEquals(3, demo.repeat);
        assertTrue(demo.load);
        assertEquals("http://x:8080", demo.url);
        Main.DemoCommand plain = parsed(Main.DemoCommand.class, "demo");
        assertFalse(plain.quick);
        assertEquals(1, plain.repeat);
        assertFalse(plain.load);
        assertNull(plain.url);
        usageError("Missing required parameter for option '--repeat'", "demo", "--repeat");
        usageError("'0' is not a whole number of at least 1", "demo", "--repeat", "0");
        usageError("'twice' is not a whole number of at least 1", "demo", "--quick", "--repeat", "twice");
        usageError("Unknown option: '--fast'", "demo", "--load", "--fast");
    }

    @Test
    void testOptions() {
        assertNull(parsed(Main.TestCommand.class, "test").lane, "the whole test");
        assertTrue(parsed(Main.TestCommand.class, "test", "--fast").lane.fast);
        Main.TestCommand.Lane lane = parsed(Main.TestCommand.class, "test", "--its", "FlinkPipelineIT,ReadModelsIT",
                "--repeat", "20", "--load").lane;
        assertFalse(lane.fast);
        Main.TestCommand.Soak soak = lane.soak;
        assertEquals(List.of("FlinkPipelineIT", "ReadModelsIT"), soak.its());
        assertEquals(20, soak.repeat);
        assertTrue(soak.load);
        assertEquals(1, parsed(Main.TestCommand.class, "test", "--its", "ReadModelsIT").lane.soak.repeat);
        usageError("mutually exclusive", "test", "--fast", "--its", "ReadModelsIT");
        usageError("Missing required argument(s): --its", "test", "--load", "--fast");
        usageError("Missing required argument(s): --its", "test", "--repeat", "2");
        usageError("Missing required argument(s): --its", "test", "--load");
        usageError("Missing required parameter for option '--its'", "test", "--its");
        usageError("'FlinkPipelineIT,' is not a comma-separated list of test classes",
                "test", "--its", "FlinkPipelineIT,", "--repeat", "2");
        usageError("'-1' is not a whole number of at least 1", "test", "--its", "FlinkPipelineIT", "--repeat", "-1");
    }

    @Test
    void faultsTakeWhatTheyDeclare() {
        Main.Inject pause = parsed(Main.Inject.class, "fault", "cdc-pause", "elasticsearch", "--for", "3s", "--run", "r1", "--json");
        assertEquals(new FaultOptions("elasticsearch", Map.of("--for", "3s")), pause.options());
        assertEquals("r1", pause.flags.runId);
        assertTrue(pause.flags.json);
        Main.Inject restart = parsed(Main.Inject.class, "fault", "flink-job-restart", "--savepoint");
        assertEquals(new FaultOptions(null, Map.of("--savepoint", "")), restart.options());
        assertNull(restart.flags.runId);
        assertFalse(restart.flags.json);
        assertEquals(FaultOptions.NONE, parsed(Main.Inject.class, "fault", "taskmanager-kill").options());
        usageError("fault takes a fault name", "fault");
        usageError("Unknown option: '--json'", "fault", "--json");
        usageError("Unmatched argument at index 1: 'frobnicate'", "fault", "frobnicate");
        usageError("Unknown option: '--savepoint'", "fault", "processor-restart", "--savepoint");
        usageError("Unknown option: '--bogus'", "fault", "flink-job-restart", "--bogus", "--json");
        usageError("Unmatched argument at index 2: 'taskmanager-kill'", "fault", "flink-job-restart", "taskmanager-kill");
        usageError("'postgres' is none of mongodb, elasticsearch, both", "fault", "cdc-pause", "postgres");
        usageError("Missing required parameter for option '--for'", "fault", "cdc-pause", "--for");
        usageError("Missing required parameter for option '--run'", "fault", "taskmanager-kill", "--run");
    }

    @Test
    void benchOptions() {
        assertEquals(200, parsed(Main.BenchCommand.Decision.class, "bench", "decision", "--results", "200").results);
        assertEquals(5000, parsed(Main.BenchCommand.Decision.class, "bench", "decision").results);
        Main.BenchCommand.Cdc cdc = parsed(Main.BenchCommand.Cdc.class, "bench", "cdc", "--rates", "100,300", "--seconds", "5");
        assertEquals(List.of(100, 300), cdc.rates);
        assertEquals(5, cdc.seconds);
        usageError("bench takes a benchmark name: decision or cdc", "bench");
        usageError("Unmatched argument at index 1: 'flink'", "bench", "flink");
        usageError("Invalid value for option '--results'", "bench", "decision", "--results", "many");
        usageError("Unknown option: '--fast'", "bench", "decision", "--fast");
        usageError("Invalid value for option '--rates'", "bench", "cdc", "--rates", "500,fast");
        usageError("Unknown options: '--results', '5'", "bench", "cdc", "--results", "5");
        usageError("Missing required parameter for option '--seconds'", "bench", "cdc", "--seconds");
    }
}
