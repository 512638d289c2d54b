package lab.components;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lab.stack.Component;
import lab.stack.Config;
import lab.stack.LabException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/** A real Kafka 4.4 node in KRaft mode: broker and controller in one JVM. */
public final class Kafka extends Component {

    private static final long PROBE_MS = 3000;

    public Kafka(Config config) {
        super(config, "kafka");
    }

    public int port() {
        return config.port("kafka.port");
    }

    private int controllerPort() {
        return config.port("kafka.controller.port");
    }

    @Override
    public List<Integer> ports() {
        return List.of(port(), controllerPort());
    }

    @Override
    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    /** Topic name to partition count, from kafka.topics (name:partitions,...). */
    public Map<String, Integer> topics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String spec : config.property("kafka.topics").split(",")) {
            String[] parts = spec.trim().split(":");
            topics.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
        }
        return topics;
    }

    private Path lib() {
        return config.root().resolve("harness/kafka-dist/target/lib");
    }

    private Path serverProperties() {
        return dataDir().resolve("server.properties");
    }

    @Override
    public void prepare() throws IOException, InterruptedException {
        if (!Files.isDirectory(lib())) {
            throw new LabException("Kafka jars missing: " + lib() + " (./lab builds them with the harness)");
        }
        Path data = dataDir();
        Files.createDirectories(data);
        Files.writeString(serverProperties(), """
                # Written by the lab on every start.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                # One node on a small machine: fewer internal partitions start faster.
                offsets.topic.num.partitions=5
                transaction.state.log.num.partitions=5
                group.initial.rebalance.delay.ms=0
                """.formatted(port(), controllerPort(), data.resolve("logs")));
        Files.writeString(data.resolve("log4j2.properties"), """
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = INFO
                rootLogger.appenderRef.out.ref = out
                logger.kafka.name = kafka
                logger.kafka.level = INFO
                logger.state.name = state.change.logger
                logger.state.level = WARN
                """);
        if (!Files.exists(data.resolve("logs/meta.properties"))) {
            format();
        }
    }

    private void format() throws IOException, InterruptedException {
        List<String> command = tool("kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", serverProperties().toString());
        Path log = config.logFile(name());
        Files.createDirectories(log.getParent());
        int exit = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().waitFor();
        if (exit != 0) {
            throw new LabException("formatting Kafka storage failed (exit " + exit + "), see " + log);
        }
    }

    private List<String> tool(String mainClass, String... args) {
        List<String> command = java("256m", "-Dlog4j2.configurationFile=" + dataDir().resolve("log4j2.properties"),
                "-cp", lib() + "/*", mainClass);
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public List<String> command() {
        return java("512m", "-Xms256m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dataDir().resolve("log4j2.properties"),
                "-cp", lib() + "/*", "kafka.Kafka", serverProperties().toString());
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(120);
    }

    @Override
    public boolean accepting() {
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(PROBE_MS, TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates the configured topics that do not exist yet. */
    @Override
    public void initialize() throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(PROBE_MS, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics().entrySet().stream()
                    .filter(t -> !existing.contains(t.getKey()))
                    .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1))
                    .toList();
            for (var result : admin.createTopics(missing).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /** An admin client that gives up quickly: it probes a server that may be down. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_MS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_MS);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 1000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return Admin.create(props);
    }
}
