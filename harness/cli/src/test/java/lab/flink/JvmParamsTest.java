package lab.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmParamsTest {

    /** What BashJavaUtils GET_TM_RESOURCE_PARAMS printed for the lab's TaskManager, with its log lines. */
    static final String TASK_MANAGER = """
            INFO  [] - Loading configuration property: taskmanager.memory.process.size, 1280m
            INFO  [] - The derived from fraction jvm overhead memory (128.000mb (134217728 bytes)) is less than its min value 192.000mb
            BASH_JAVA_UTILS_EXEC_RESULT:-Xmx402653184 -Xms402653184 -XX:MaxDirectMemorySize=208783133 -XX:MaxMetaspaceSize=268435456
            BASH_JAVA_UTILS_EXEC_RESULT:-D taskmanager.memory.network.min=74565405b -D taskmanager.cpu.cores=2.0 -D taskmanager.numberOfTaskSlots=2
            """;

    @Test
    void jvmFlagsFirstThenDynamicProperties() {
        JvmParams params = JvmParams.parse(TASK_MANAGER);
        assertEquals(List.of("-Xmx402653184", "-Xms402653184", "-XX:MaxDirectMemorySize=208783133",
                "-XX:MaxMetaspaceSize=268435456"), params.jvmArgs());
        assertEquals(List.of("-D", "taskmanager.memory.network.min=74565405b", "-D", "taskmanager.cpu.cores=2.0",
                "-D", "taskmanager.numberOfTaskSlots=2"), params.dynamicProperties());
    }

    @Test
    void whatIsKeptReadsBackTheSame() {
        JvmParams params = JvmParams.parse(TASK_MANAGER);
        assertEquals(params, JvmParams.parse(params.format()));
    }

    @Test
    void anythingButTwoResultLinesIsAnErrorThatShowsTheOutput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JvmParams.parse("Exception in thread \"main\" IllegalConfigurationException: bad size\n"));
        assertTrue(e.getMessage().contains("got 0") && e.getMessage().contains("bad size"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> JvmParams.parse("BASH_JAVA_UTILS_EXEC_RESULT:-Xmx1\nBASH_JAVA_UTILS_EXEC_RESULT:\nBASH_JAVA_UTILS_EXEC_RESULT:\n"));
    }

    @Test
    void anEmptyDynamicPropertiesLineIsNoProperties() {
        JvmParams params = JvmParams.parse("BASH_JAVA_UTILS_EXEC_RESULT:-Xmx1\nBASH_JAVA_UTILS_EXEC_RESULT:\n");
        assertEquals(List.of("-Xmx1"), params.jvmArgs());
        assertEquals(List.of(), params.dynamicProperties());
    }
}
