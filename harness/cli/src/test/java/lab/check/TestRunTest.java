package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.stack.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRunTest {

    @Test
    void theServiceGetsTheTestStacksPortsAndHowToReachTheLab(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("lab.properties"), "postgres.port=15432\nkafka.port=19092\nflink.rest.port=18082\n"
                + "mongodb.port=18090\nelasticsearch.port=18091\n");
        Config user = Config.load(root, Map.of("LAB_PORT_OFFSET", "5"));
        Config test = user.relocated(user.home().resolve("test"), TestRun.PORT_SHIFT);
        assertEquals(List.of("-B", "verify",
                        "-Dlab.postgres.port=15537",
                        "-Dkafka.bootstrap.servers=127.0.0.1:19197",
                        "-Dquarkus.mongodb.connection-string=mongodb://127.0.0.1:18195",
                        "-Dquarkus.elasticsearch.hosts=127.0.0.1:18196",
                        "-Dlab.cli=" + root.toAbsolutePath().normalize() + "/lab",
                        "-Dlab.home=" + root.toAbsolutePath().normalize() + "/.lab/test",
                        "-Dlab.port.offset=105",
                        "-Dlab.flink.rest=http://127.0.0.1:18187"),
                List.of(TestRun.serviceArgs(test)));
        assertEquals(List.of("-B", "-f", "flink-job/pom.xml", "verify", "-Dkafka.bootstrap.servers=127.0.0.1:19197"),
                List.of(TestRun.flinkJobArgs(test)));
    }

    @Test
    void theTestStackRunsTheReadModelsTheProcessorAndTheFlinkJobButNotTheApp() {
        assertEquals(List.of("postgres", "kafka", "mongodb", "elasticsearch", "cdc-mongodb", "cdc-elasticsearch",
                        "processor", "jobmanager", "taskmanager", "flink-job"),
                TestRun.TEST_COMPONENTS);
    }
}
