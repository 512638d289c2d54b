package lab.components;

import java.nio.file.Files;
import java.nio.file.Path;
import lab.stack.Component;
import lab.stack.Config;

/** A store started by one of the harness's own launcher modules (its jar and target/lib built with the harness). */
abstract class LaunchedStore extends Component {

    private final String module;
    private final String what;

    LaunchedStore(Config config, String name, String module, String what) {
        super(config, name);
        this.module = module;
        this.what = what;
    }

    private Path target() {
        return config.root().resolve("harness").resolve(module).resolve("target");
    }

    @Override
    public String unavailableReason() {
        return Files.isDirectory(target().resolve("lib")) ? null
                : what + " jars missing: " + target() + " (./lab builds them with the harness)";
    }

    /** The launcher's jar and its dependencies, as a -cp value. */
    protected String classpath() {
        return target().resolve(module + ".jar") + ":" + target().resolve("lib") + "/*";
    }
}
