package lab.components;

import java.util.List;
import lab.stack.Config;

/** The Flink JobManager: a standalone session cluster's master, with the REST API and the web UI. */
public final class JobManager extends FlinkProcess {

    public JobManager(Config config) {
        super(config, "jobmanager");
    }

    @Override
    protected String resourceParamsCommand() {
        return "GET_JM_RESOURCE_PARAMS";
    }

    @Override
    protected String mainClass() {
        return "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    }

    @Override
    public List<Integer> ports() {
        return flink.ports().jobManager();
    }

    @Override
    public String endpoint() {
        return flink.restUrl();
    }

    @Override
    public String webUi() {
        return flink.restUrl();
    }

    /** GET /overview answers. */
    @Override
    public boolean accepting() {
        return rest.answers();
    }
}
