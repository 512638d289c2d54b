package lab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    private static Properties defaults() {
        Properties p = new Properties();
        p.setProperty("postgres.port", "15432");
        p.setProperty("kafka.controller.port", "19093");
        p.setProperty("kafka.topics", "lab.events:4");
        return p;
    }

    @Test
    void defaultsApplyWithoutEnvironment() {
        assertEquals(Map.of("postgres.port", "15432", "kafka.controller.port", "19093"),
                Config.resolvePorts(defaults(), Map.of()));
    }

    @Test
    void environmentOverridesOnePortByItsKey() {
        Map<String, String> ports = Config.resolvePorts(defaults(), Map.of("LAB_KAFKA_CONTROLLER_PORT", "29093"));
        assertEquals("29093", ports.get("kafka.controller.port"));
        assertEquals("15432", ports.get("postgres.port"));
    }

    /** Only keys ending in .port are shifted: a port under another name would collide between two labs. */
    @Test
    void everyPortOfLabPropertiesIsNamedSoTheOffsetShiftsIt() {
        Config config = Config.load(Path.of("../.."), Map.of("LAB_PORT_OFFSET", "1000"));
        for (String key : config.properties().stringPropertyNames()) {
            if (key.contains("port") && !key.equals("lab.port.offset")) {
                assertTrue(key.endsWith(".port"), key + " is not shifted by LAB_PORT_OFFSET");
            }
        }
        assertEquals(18089 + 1000, config.port("flink.taskmanager.rpc.alternate.port"));
    }

    @Test
    void offsetShiftsEveryPortIncludingOverrides() {
        Map<String, String> ports = Config.resolvePorts(defaults(),
                Map.of("LAB_PORT_OFFSET", "100", "LAB_POSTGRES_PORT", "5000"));
        assertEquals("5100", ports.get("postgres.port"));
        assertEquals("19193", ports.get("kafka.controller.port"));
    }

    @Test
    void badValuesNameTheirSource() {
        LabException notNumber = assertThrows(LabException.class,
                () -> Config.resolvePorts(defaults(), Map.of("LAB_POSTGRES_PORT", "x")));
        assertTrue(notNumber.getMessage().contains("LAB_POSTGRES_PORT"), notNumber.getMessage());
        LabException range = assertThrows(LabException.class,
                () -> Config.resolvePorts(defaults(), Map.of("LAB_PORT_OFFSET", "60000")));
        assertTrue(range.getMessage().contains("kafka.controller.port"), range.getMessage());
    }

    @Test
    void relocatedMovesHomeAndShiftsPortsOnly() {
        Properties props = defaults();
        props.putAll(Config.resolvePorts(props, Map.of()));
        Config config = new Config(Path.of("/repo"), Path.of("/repo/.lab"), props);
        Config test = config.relocated(Path.of("/repo/.lab/test"), 100);
        assertEquals(15532, test.port("postgres.port"));
        assertEquals("lab.events:4", test.property("kafka.topics"));
        assertEquals(Path.of("/repo/.lab/test/run/kafka.pid"), test.pidFile("kafka"));
        assertEquals(Path.of("/repo/.lab/test/logs/kafka.log"), test.logFile("kafka"));
        assertEquals(Path.of("/repo/.lab/test/data/kafka"), test.dataDir("kafka"));
    }

    @Test
    void theOffsetIsKeptSoAnotherLabCanAddressTheSameStack(@TempDir Path root)
            throws Exception {
        Files.writeString(root.resolve("lab.properties"), "postgres.port=15432\n");
        Config user = Config.load(root, Map.of("LAB_PORT_OFFSET", "7", "LAB_HOME", root.resolve("h").toString()));
        assertEquals(7, user.portOffset());
        Config test = user.relocated(root.resolve("h/test"), 100);
        assertEquals(107, test.portOffset());
        Config again = Config.load(root, Map.of("LAB_PORT_OFFSET", Integer.toString(test.portOffset()),
                "LAB_HOME", test.home().toString()));
        assertEquals(test.port("postgres.port"), again.port("postgres.port"));
        assertEquals(test.home(), again.home());
        assertEquals(0, new Config(root, root, new Properties()).portOffset());
    }
}
