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
        MongoDb mongoDb = new MongoDb(config);
        Elasticsearch elasticsearch = new Elasticsearch(config);
        return List.of(postgres, kafka, mongoDb, elasticsearch,
                CdcServer.toMongoDb(config, postgres, mongoDb), CdcServer.toElasticsearch(config, postgres, elasticsearch),
                new App(config, postgres, kafka, mongoDb, elasticsearch), new Processor(config, kafka),
                jobManager, taskManager, new FlinkJob(config, kafka, taskManager));
    }
}
