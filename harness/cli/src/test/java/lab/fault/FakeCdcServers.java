package lab.fault;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import lab.stack.Config;
import lab.stack.Stack;

/** The two Debezium Servers as small real processes under a temporary lab home, for the faults that freeze them. */
final class FakeCdcServers {

    private FakeCdcServers() {
    }

    static Stack stack(Path home, PrintStream out) {
        return new Stack(new Config(Path.of("/repo"), home, new Properties()),
                List.of(new FakeProcess(home, "cdc-mongodb"), new FakeProcess(home, "cdc-elasticsearch")), out);
    }

    static long pid(Stack stack, String name) {
        return stack.daemon(stack.component(name)).recordedPid().getAsLong();
    }

    /** The process state letter of /proc/PID/stat: T while stopped. */
    static char state(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
