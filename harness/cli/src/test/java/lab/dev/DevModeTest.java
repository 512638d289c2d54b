package lab.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.components.App;
import lab.components.Components;
import lab.stack.Config;
import lab.stack.LabException;
import lab.stack.Stack;
import org.junit.jupiter.api.Test;

class DevModeTest {

    private final Config config = Config.load(Path.of("../.."), Map.of("LAB_PORT_OFFSET", "7"));
    private final Stack stack = new Stack(config, Components.all(config), System.out);

    @Test
    void startsEveryOtherComponentButNeverTheApp() {
        List<String> all = DevMode.components(stack, List.of());
        assertFalse(all.contains("app"));
        assertTrue(all.containsAll(List.of("postgres", "kafka", "processor")), all.toString());
        assertEquals(List.of("postgres", "kafka"), DevMode.components(stack, List.of("postgres", "kafka")));
        assertThrows(LabException.class, () -> DevMode.components(stack, List.of("postgres", "app")));
    }

    @Test
    void runsTheWrapperInItsOwnProcessGroupWithTheAppsSettings() {
        List<String> command = DevMode.command("/r/mvnw", (App) stack.component("app"));
        assertEquals(List.of("setsid", "/r/mvnw", "quarkus:dev", "-Dquarkus.console.enabled=false", "-Ddebug=false"),
                command.subList(0, 5));
        assertTrue(command.contains("-Dquarkus.http.port=" + (18080 + 7)), command.toString());
        assertTrue(command.contains("-Dlab.postgres.port=" + (15432 + 7)), command.toString());
        assertTrue(command.contains("-Dkafka.bootstrap.servers=127.0.0.1:" + (19092 + 7)), command.toString());
    }
}
