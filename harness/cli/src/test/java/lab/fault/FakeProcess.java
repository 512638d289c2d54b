package lab.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import lab.stack.Component;
import lab.stack.Config;

/** A small real process standing in for a component: ready once it has written 'ready' in its data dir; counts its preparations. */
final class FakeProcess extends Component {
    private final List<String> dependencies;
    int prepared;

    FakeProcess(Path home, String name, String... dependencies) {
        super(new Config(Path.of("/repo"), home, new Properties()), name);
        this.dependencies = List.of(dependencies);
    }

    @Override
    public List<String> dependencies() {
        return dependencies;
    }

    @Override
    public List<Integer> ports() {
        return List.of();
    }

    @Override
    public String endpoint() {
        return "fake:" + name();
    }

    @Override
    public void prepare() {
        prepared++;
    }

    @Override
    public List<String> command() {
        return List.of("bash", "-c", "rm -f ready; touch ready; exec -a \"$0\" sleep 600", marker());
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public boolean accepting() {
        return Files.exists(dataDir().resolve("ready"));
    }
}
