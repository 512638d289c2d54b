package lab.components;

import java.util.List;
import lab.stack.Component;
import lab.stack.Config;

/** Every component the lab knows; `up` without names starts the available ones. */
public final class Components {
    private Components() {
    }

    public static List<Component> all(Config config) {
        Postgres postgres = new Postgres(config);
        Kafka kafka = new Kafka(config);
        JobManager jobManager = new JobManager(config);
        TaskManager taskManager = new TaskManager(config, jobManager);
        return List.of(postgres, kafka, new App(config, postgres, kafka), new Processor(config, kafka),
                jobManager, taskManager, new FlinkJob(config, kafka, taskManager));
    }
}
