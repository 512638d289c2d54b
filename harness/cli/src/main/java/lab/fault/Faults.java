package lab.fault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.stack.LabException;

/** Every fault `./lab fault` can inject, by name. A new fault: a class implementing Fault, listed here. */
public final class Faults {

    private static final Map<String, Fault> ALL = new LinkedHashMap<>();

    static {
        for (Fault f : List.of(new ProcessorRestart(), new AfterCheckpoint(new TaskManagerKill(), true),
                new AfterCheckpoint(new FlinkJobRestart(), false), new AfterCheckpoint(new CheckpointTimeout(), false), new CdcPause())) {
            ALL.put(f.name(), f);
        }
    }

    private Faults() {
    }

    public static List<Fault> all() {
        return List.copyOf(ALL.values());
    }

    public static Fault named(String name) {
        Fault f = ALL.get(name);
        if (f == null) {
            throw new LabException("unknown fault '" + name + "' (known: " + String.join(", ", ALL.keySet()) + ")");
        }
        return f;
    }
}
