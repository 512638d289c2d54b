package lab.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import lab.stack.Config;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Ports;
import lab.stack.Stack;
import lab.stack.Status;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real PostgreSQL and Kafka through a whole lifecycle, on their own LAB_HOME and ports (+200 on LAB_PORT_OFFSET). */
class StackLifecycleIT {

    private static Stack stack;
    private static Postgres postgres;
    private static Kafka kafka;

    @BeforeAll
    static void freshHome() throws IOException {
        Config config = ItHomes.fresh("it-lab", 200);
        postgres = new Postgres(config);
        kafka = new Kafka(config);
        stack = new Stack(config, List.of(postgres, kafka), System.out);
    }

    @AfterAll
    static void down() {
        stack.down();
    }

    private static Map<String, Status> status() {
        return stack.status().stream().collect(Collectors.toMap(Status::name, s -> s));
    }

    private static long pid(String name) {
        return status().get(name).pid();
    }

    @Test
    void lifecycle() throws Exception {
        stack.up(List.of("postgres", "kafka"));
        assertEquals("running", status().get("postgres").state());
        assertEquals("running", status().get("kafka").state());
        try (Admin admin = kafka.admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(kafka.topics().keySet())
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            kafka.topics().forEach((name, partitions) ->
                    assertEquals(partitions, topics.get(name).partitions().size(), name));
        }
        long postgresPid = pid("postgres");
        long kafkaPid = pid("kafka");

        stack.up(List.of("postgres", "kafka"));
        assertEquals(postgresPid, pid("postgres"), "no twin");
        assertEquals(kafkaPid, pid("kafka"), "no twin");

        Daemon.signal(postgresPid, "KILL");
        awaitGone(postgresPid, postgres.marker());
        assertEquals("dead", status().get("postgres").state());
        stack.up(List.of("postgres", "kafka"));
        assertNotEquals(postgresPid, pid("postgres"));
        assertEquals("running", status().get("postgres").state());
        assertEquals(kafkaPid, pid("kafka"));
        long restartedPid = pid("postgres");

        stack.down();
        for (Status s : stack.status()) {
            assertEquals("stopped", s.state(), s.name());
        }
        assertFalse(Daemon.isInstance(restartedPid, postgres.marker()));
        assertFalse(Daemon.isInstance(kafkaPid, kafka.marker()));
        for (int port : List.of(postgres.port(), kafka.port(), kafka.ports().get(1))) {
            assertTrue(Ports.free(port), "port " + port + " free after down");
        }

        try (ServerSocket foreign = new ServerSocket(kafka.port(), 1, InetAddress.getByName("127.0.0.1"))) {
            LabException e = assertThrows(LabException.class, () -> stack.up(List.of("postgres", "kafka")));
            assertTrue(e.getMessage().contains("port " + kafka.port() + " (kafka)"), e.getMessage());
            assertEquals("stopped", status().get("postgres").state(), "nothing half-started");
            assertTrue(Ports.free(postgres.port()));
        }
    }

    private static void awaitGone(long pid, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Daemon.isInstance(pid, marker) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
