package lab.flink;

import java.nio.file.Path;
import java.util.List;
import lab.stack.Config;

/**
 * The lab's Flink cluster settings and the files Flink reads from its conf dir: `config.yaml` (Flink 2 reads
 * no other configuration file) and the log4j2 configuration. JobManager and TaskManager share one conf dir;
 * what differs between them (the TaskManager's metrics query service port, its resource id) goes on the
 * TaskManager's command line as dynamic properties.
 *
 * @param home     $LAB_HOME/data/flink: conf/, checkpoints/, savepoints/ and Flink's scratch dirs live here
 * @param ports    every port Flink listens on, all bound to 127.0.0.1
 * @param memory   process sizes as Flink's memory options take them (e.g. 1024m)
 */
public record FlinkConf(Path home, Ports ports, Memory memory) {

    /**
     * @param taskManagerRpcAlternate a replacement TaskManager takes the RPC port its predecessor did not use:
     *                                the JobManager may still hold the dead one's connection to the old port and
     *                                discard a newcomer's messages there
     */
    public record Ports(int rest, int jobManagerRpc, int blob, int jobManagerMetrics,
                        int taskManagerRpc, int taskManagerRpcAlternate, int taskManagerData, int taskManagerMetrics) {

        public List<Integer> jobManager() {
            return List.of(rest, jobManagerRpc, blob, jobManagerMetrics);
        }

        public List<Integer> taskManager() {
            return List.of(taskManagerRpc, taskManagerRpcAlternate, taskManagerData, taskManagerMetrics);
        }

        /** The RPC port for a TaskManager whose predecessor used {@code previous} (or none). */
        public int taskManagerRpcAfter(int previous) {
            return previous == taskManagerRpc ? taskManagerRpcAlternate : taskManagerRpc;
        }
    }

    public record Memory(String jobManagerProcess, String taskManagerProcess, String taskHeap, String managed,
                         int slots) {
    }

    /** The JVM flags Flink needs on Java 17+ (what flink-dist's config.yaml puts in env.java.opts.all). */
    public static final List<String> JAVA_MODULE_FLAGS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    public static final String CONFIG_FILE = "config.yaml";
    public static final String LOG4J_FILE = "log4j-console.properties";

    public static FlinkConf of(Config config) {
        return new FlinkConf(config.dataDir("flink"),
                new Ports(config.port("flink.rest.port"), config.port("flink.jobmanager.rpc.port"),
                        config.port("flink.blob.port"), config.port("flink.jobmanager.metrics.port"),
                        config.port("flink.taskmanager.rpc.port"), config.port("flink.taskmanager.rpc.alternate.port"),
                        config.port("flink.taskmanager.data.port"),
                        config.port("flink.taskmanager.metrics.port")),
                new Memory(config.property("flink.jobmanager.memory"), config.property("flink.taskmanager.memory"),
                        config.property("flink.taskmanager.task-heap"), config.property("flink.taskmanager.managed"),
                        Integer.parseInt(config.property("flink.taskmanager.slots").trim())));
    }

    public Path confDir() {
        return home.resolve("conf");
    }

    public Path checkpoints() {
        return home.resolve("checkpoints");
    }

    public Path savepoints() {
        return home.resolve("savepoints");
    }

    /** The REST API and web UI. */
    public String restUrl() {
        return "http://127.0.0.1:" + ports.rest();
    }

    /** A local directory as the file:// URI Flink expects for checkpoint storage. */
    public static String uri(Path dir) {
        return dir.toUri().toString().replaceAll("/$", "");
    }

    /**
     * config.yaml: flat keys (Flink accepts them beside nested ones), every string value quoted. The
     * TaskManager's metrics port is here only for the JobManager; the TaskManager gets its own on its command
     * line ({@link #taskManagerDynamicProperties}).
     */
    public String configYaml() {
        return """
                # Written by the lab on every start of the JobManager or the TaskManager; edits are overwritten.
                # Every port is pinned and bound to 127.0.0.1.
                jobmanager.rpc.address: 127.0.0.1
                jobmanager.rpc.port: %d
                jobmanager.bind-host: 127.0.0.1
                blob.server.port: '%d'
                rest.address: 127.0.0.1
                rest.bind-address: 127.0.0.1
                rest.port: %d
                metrics.internal.query-service.port: '%d'
                taskmanager.host: 127.0.0.1
                taskmanager.bind-host: 127.0.0.1
                taskmanager.rpc.port: '%d'
                taskmanager.data.port: %d

                jobmanager.memory.process.size: %s
                taskmanager.memory.process.size: %s
                taskmanager.memory.task.heap.size: %s
                taskmanager.memory.managed.size: %s
                taskmanager.numberOfTaskSlots: %d

                # A lost TaskManager is noticed within seconds, not the default 50.
                heartbeat.interval: 2000
                heartbeat.timeout: 10000
                jobmanager.execution.failover-strategy: region

                state.backend.type: hashmap
                execution.checkpointing.dir: %s
                execution.checkpointing.savepoint-dir: %s
                execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION

                # Flink's scratch space stays inside the lab's home.
                io.tmp.dirs: %s
                process.working-dir: %s
                web.tmpdir: %s
                """.formatted(
                ports.jobManagerRpc(), ports.blob(), ports.rest(), ports.jobManagerMetrics(),
                ports.taskManagerRpc(), ports.taskManagerData(),
                memory.jobManagerProcess(), memory.taskManagerProcess(), memory.taskHeap(), memory.managed(),
                memory.slots(),
                quote(uri(checkpoints())), quote(uri(savepoints())),
                quote(home.resolve("tmp").toString()), quote(home.resolve("work").toString()),
                quote(home.resolve("web").toString()));
    }

    /** What the TaskManager's command line adds to config.yaml: its metrics and RPC ports and this process's id. */
    public List<String> taskManagerDynamicProperties(String resourceId, int rpcPort) {
        return List.of("-D", "metrics.internal.query-service.port=" + ports.taskManagerMetrics(),
                "-D", "taskmanager.rpc.port=" + rpcPort,
                "-D", "taskmanager.resource-id=" + resourceId);
    }

    /** Log4j2 for both processes: to stdout, which the lab appends to logs/NAME.log. */
    public static String log4j() {
        return """
                # Written by the lab. Both processes log to stdout, which the lab appends to logs/NAME.log.
                monitorInterval = 30
                rootLogger.level = INFO
                rootLogger.appenderRef.console.ref = ConsoleAppender
                logger.pekko.name = org.apache.pekko
                logger.pekko.level = INFO
                logger.kafka.name = org.apache.kafka
                logger.kafka.level = WARN
                logger.hadoop.name = org.apache.hadoop
                logger.hadoop.level = WARN
                logger.zookeeper.name = org.apache.zookeeper
                logger.zookeeper.level = WARN
                logger.shaded_zookeeper.name = org.apache.flink.shaded.zookeeper3
                logger.shaded_zookeeper.level = WARN
                appender.console.name = ConsoleAppender
                appender.console.type = Console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
                logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
                logger.netty.level = ERROR
                """;
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
