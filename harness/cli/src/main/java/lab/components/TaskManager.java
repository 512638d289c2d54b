package lab.components;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lab.stack.Config;
import lab.stack.LabException;

/**
 * A Flink TaskManager with its slots. Every process gets a resource id of its own, so a new TaskManager after
 * a kill is told apart from the dead one the JobManager still lists until the heartbeat times out: it is up
 * once the JobManager lists its id.
 */
public final class TaskManager extends FlinkProcess {

    private static final String RESOURCE_ID_FILE = "resource-id";
    private static final String RPC_PORT_FILE = "rpc-port";

    private final JobManager jobManager;

    public TaskManager(Config config, JobManager jobManager) {
        super(config, "taskmanager");
        this.jobManager = jobManager;
    }

    @Override
    public List<String> dependencies() {
        return List.of(jobManager.name());
    }

    @Override
    protected String resourceParamsCommand() {
        return "GET_TM_RESOURCE_PARAMS";
    }

    @Override
    protected String mainClass() {
        return "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    }

    /**
     * Its own metrics port, the RPC port its predecessor did not use, and a fresh resource id, recorded for the
     * readiness check.
     */
    @Override
    protected List<String> extraArguments() {
        String id = name() + "-" + System.currentTimeMillis();
        Path rpcPortFile = dataDir().resolve(RPC_PORT_FILE);
        try {
            Files.createDirectories(dataDir());
            int previous = Files.exists(rpcPortFile) ? Integer.parseInt(Files.readString(rpcPortFile).trim()) : 0;
            int rpcPort = flink.ports().taskManagerRpcAfter(previous);
            Files.writeString(rpcPortFile, rpcPort + "\n");
            Files.writeString(resourceIdFile(), id + "\n");
            return flink.taskManagerDynamicProperties(id, rpcPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path resourceIdFile() {
        return dataDir().resolve(RESOURCE_ID_FILE);
    }

    /** The resource id of the process last started. */
    public String resourceId() {
        try {
            return Files.readString(resourceIdFile()).trim();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public List<Integer> ports() {
        return flink.ports().taskManager();
    }

    @Override
    public String endpoint() {
        return flink.restUrl() + "/#/task-manager";
    }

    /** The JobManager's entry for the TaskManager last started, if it is registered. */
    public Optional<JsonNode> registration() {
        String id = resourceId();
        try {
            for (JsonNode tm : rest.taskManagers()) {
                if (tm.path("id").asText().equals(id)) {
                    return Optional.of(tm);
                }
            }
        } catch (LabException e) {
            // the JobManager does not answer: not registered
        }
        return Optional.empty();
    }

    /** Registered with the JobManager under the id of this process. */
    @Override
    public boolean accepting() {
        return registration().isPresent();
    }
}
