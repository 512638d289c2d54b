package lab.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.stack.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkConfTest {

    private static final String PROPERTIES = """
            flink.rest.port=18082
            flink.jobmanager.rpc.port=18083
            flink.blob.port=18084
            flink.jobmanager.metrics.port=18085
            flink.taskmanager.rpc.port=18086
            flink.taskmanager.rpc.alternate.port=18089
            flink.taskmanager.data.port=18087
            flink.taskmanager.metrics.port=18088
            flink.jobmanager.memory=1024m
            flink.taskmanager.memory=1280m
            flink.taskmanager.task-heap=256m
            flink.taskmanager.managed=128m
            flink.taskmanager.slots=2
            """;

    private static FlinkConf conf(Path root, String offset) throws Exception {
        Files.writeString(root.resolve("lab.properties"), PROPERTIES);
        return FlinkConf.of(Config.load(root, Map.of("LAB_HOME", root.resolve("home").toString(), "LAB_PORT_OFFSET", offset)));
    }

    /** config.yaml as Flink reads flat keys: one "key: value" per line, quotes removed. */
    private static Map<String, String> parse(String yaml) {
        Map<String, String> map = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String line : yaml.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(": ");
            assertTrue(colon > 0 && !line.startsWith(" "), "a flat key: value line: " + line);
            String key = line.substring(0, colon);
            assertTrue(seen.add(key), "each key once: " + key);
            String value = line.substring(colon + 2);
            if (value.startsWith("'")) {
                assertTrue(value.endsWith("'"), line);
                value = value.substring(1, value.length() - 1).replace("''", "'");
            }
            map.put(key, value);
        }
        return map;
    }

    @Test
    void everyPortIsPinnedAndEveryHostIsLoopback(@TempDir Path root) throws Exception {
        Map<String, String> yaml = parse(conf(root, "300").configYaml());
        assertEquals("18383", yaml.get("jobmanager.rpc.port"));
        assertEquals("18384", yaml.get("blob.server.port"));
        assertEquals("18382", yaml.get("rest.port"));
        assertEquals("18385", yaml.get("metrics.internal.query-service.port"));
        assertEquals("18386", yaml.get("taskmanager.rpc.port"));
        assertEquals("18387", yaml.get("taskmanager.data.port"));
        for (String host : List.of("jobmanager.rpc.address", "jobmanager.bind-host", "rest.address", "rest.bind-address",
                "taskmanager.host", "taskmanager.bind-host")) {
            assertEquals("127.0.0.1", yaml.get(host), host);
        }
        assertNull(yaml.get("rest.bind-port"), "rest.port is also the bind port");
    }

    @Test
    void memoryHeartbeatsAndCheckpointsAsTheLabWantsThem(@TempDir Path root) throws Exception {
        FlinkConf conf = conf(root, "0");
        Map<String, String> yaml = parse(conf.configYaml());
        assertEquals("1024m", yaml.get("jobmanager.memory.process.size"));
        assertEquals("1280m", yaml.get("taskmanager.memory.process.size"));
        assertEquals("256m", yaml.get("taskmanager.memory.task.heap.size"));
        assertEquals("128m", yaml.get("taskmanager.memory.managed.size"));
        assertEquals("2", yaml.get("taskmanager.numberOfTaskSlots"));
        assertEquals("10000", yaml.get("heartbeat.timeout"));
        assertTrue(Integer.parseInt(yaml.get("heartbeat.interval")) < 10000);
        Path flink = root.toAbsolutePath().normalize().resolve("home/data/flink");
        assertEquals(flink, conf.home());
        assertEquals("file://" + flink + "/checkpoints", yaml.get("execution.checkpointing.dir"));
        assertEquals("file://" + flink + "/savepoints", yaml.get("execution.checkpointing.savepoint-dir"));
        assertEquals("RETAIN_ON_CANCELLATION", yaml.get("execution.checkpointing.externalized-checkpoint-retention"));
        for (String dir : List.of("io.tmp.dirs", "process.working-dir", "web.tmpdir")) {
            assertTrue(yaml.get(dir).startsWith(flink.toString()), dir + " stays in the lab's home");
        }
        assertEquals("http://127.0.0.1:18082", conf.restUrl());
    }

    @Test
    void theTaskManagerGetsItsOwnMetricsPortAndResourceId(@TempDir Path root) throws Exception {
        FlinkConf conf = conf(root, "0");
        assertEquals(List.of("-D", "metrics.internal.query-service.port=18088", "-D", "taskmanager.rpc.port=18089",
                        "-D", "taskmanager.resource-id=tm-1"),
                conf.taskManagerDynamicProperties("tm-1", 18089));
        assertEquals(List.of(18082, 18083, 18084, 18085), conf.ports().jobManager());
        assertEquals(List.of(18086, 18089, 18087, 18088), conf.ports().taskManager());
    }

    @Test
    void aReplacementTaskManagerTakesTheRpcPortItsPredecessorDidNotUse(@TempDir Path root) throws Exception {
        FlinkConf.Ports ports = conf(root, "0").ports();
        assertEquals(18086, ports.taskManagerRpcAfter(0));
        assertEquals(18089, ports.taskManagerRpcAfter(18086));
        assertEquals(18086, ports.taskManagerRpcAfter(18089));
        FlinkConf.Ports shifted = conf(root, "100").ports();
        assertEquals(List.of(18186, 18189, 18187, 18188), shifted.taskManager(), "every port moves with the offset");
    }

    @Test
    void pathsWithQuotesStayOneYamlString(@TempDir Path root) {
        FlinkConf conf = new FlinkConf(root.resolve("it's"), new FlinkConf.Ports(1, 2, 3, 4, 5, 6, 7, 8),
                new FlinkConf.Memory("1g", "1g", "1m", "1m", 1));
        assertEquals(root.resolve("it's/tmp").toString(), parse(conf.configYaml()).get("io.tmp.dirs"));
    }

    @Test
    void theModuleFlagsOpenWhatFlinkNeedsOnJava17() {
        assertTrue(FlinkConf.JAVA_MODULE_FLAGS.contains("--add-opens=java.base/java.util=ALL-UNNAMED"));
        assertTrue(FlinkConf.JAVA_MODULE_FLAGS.contains("--add-exports=java.base/sun.net.util=ALL-UNNAMED"));
        assertFalse(FlinkConf.log4j().contains("File"), "logs go to stdout, which the lab appends to its log file");
    }
}
