package lab.components;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lab.stack.Config;
import lab.stack.Trees;

/**
 * A fresh LAB_HOME under cli/target for one integration test class, its ports shifted by {@code portShift} on
 * top of the caller's LAB_PORT_OFFSET (so labs on other offsets on the same machine are not in the way).
 */
final class ItHomes {

    private ItHomes() {
    }

    static Config fresh(String directory, int portShift) throws IOException {
        Path root = Path.of(System.getProperty("lab.root")).toAbsolutePath().normalize();
        Path home = root.resolve("harness/cli/target").resolve(directory);
        Trees.delete(home);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LAB_HOME", home.toString());
        int offset = Integer.parseInt(env.getOrDefault(Config.PORT_OFFSET, "0").trim()) + portShift;
        env.put(Config.PORT_OFFSET, Integer.toString(offset));
        return Config.load(root, env);
    }
}
