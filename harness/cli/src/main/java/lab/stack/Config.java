package lab.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the lab keeps its state and which ports it uses.
 *
 * @param root the repository root (lab.properties, mvnw, the service)
 * @param home LAB_HOME: data/, logs/ and run/ live here
 * @param properties lab.properties with every *.port resolved
 */
public record Config(Path root, Path home, Properties properties) {

    public static final String PORT_OFFSET = "LAB_PORT_OFFSET";
    /** Where the offset that was applied to every port is kept among the properties. */
    static final String OFFSET_KEY = "lab.port.offset";

    /** Reads root/lab.properties and applies LAB_HOME, LAB_PORT_OFFSET and LAB_*_PORT from env. */
    public static Config load(Path root, Map<String, String> env) {
        Properties defaults = new Properties();
        try (Reader reader = Files.newBufferedReader(root.resolve("lab.properties"))) {
            defaults.load(reader);
        } catch (IOException e) {
            throw new LabException("cannot read " + root.resolve("lab.properties") + ": " + e.getMessage());
        }
        String labHome = env.get("LAB_HOME");
        Path home = labHome == null || labHome.isBlank() ? root.resolve(".lab") : Path.of(labHome);
        Properties resolved = new Properties();
        resolved.putAll(defaults);
        resolved.putAll(resolvePorts(defaults, env));
        resolved.setProperty(OFFSET_KEY, Integer.toString(number(PORT_OFFSET, env.getOrDefault(PORT_OFFSET, "0"))));
        return new Config(root.toAbsolutePath().normalize(), home.toAbsolutePath().normalize(), resolved);
    }

    /** Each *.port key: LAB_KEY (upper case, dots as underscores) overrides it, then the offset is added. */
    static Map<String, String> resolvePorts(Properties defaults, Map<String, String> env) {
        int offset = number(PORT_OFFSET, env.getOrDefault(PORT_OFFSET, "0"));
        Map<String, String> ports = new TreeMap<>();
        for (String key : defaults.stringPropertyNames()) {
            if (!key.endsWith(".port")) {
                continue;
            }
            String variable = "LAB_" + key.toUpperCase().replace('.', '_');
            String value = env.getOrDefault(variable, defaults.getProperty(key));
            int port = number(env.containsKey(variable) ? variable : key, value) + offset;
            if (port < 1 || port > 65535) {
                throw new LabException(key + " resolves to " + port + ", outside 1-65535 (check " + variable
                        + " and " + PORT_OFFSET + ")");
            }
            ports.put(key, Integer.toString(port));
        }
        return ports;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LabException(name + " must be a number, got '" + value + "'");
        }
    }

    /** The same lab in another home with all ports shifted further: used for a separate test stack. */
    public Config relocated(Path newHome, int extraOffset) {
        Properties shifted = new Properties();
        shifted.putAll(properties);
        for (String key : properties.stringPropertyNames()) {
            if (key.endsWith(".port")) {
                shifted.setProperty(key, Integer.toString(port(key) + extraOffset));
            }
        }
        shifted.setProperty(OFFSET_KEY, Integer.toString(portOffset() + extraOffset));
        return new Config(root, newHome.toAbsolutePath().normalize(), shifted);
    }

    /**
     * The LAB_PORT_OFFSET that yields these ports: another ./lab given this offset (and the same environment
     * otherwise) and this home addresses this same stack.
     */
    public int portOffset() {
        return Integer.parseInt(properties.getProperty(OFFSET_KEY, "0"));
    }

    public int port(String key) {
        return Integer.parseInt(property(key));
    }

    public String property(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new LabException("lab.properties has no " + key);
        }
        return value;
    }

    public Path dataDir(String component) {
        return home.resolve("data").resolve(component);
    }

    public Path logFile(String component) {
        return home.resolve("logs").resolve(component + ".log");
    }

    public Path pidFile(String component) {
        return home.resolve("run").resolve(component + ".pid");
    }
}
