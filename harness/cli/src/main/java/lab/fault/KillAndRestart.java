package lab.fault;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import lab.stack.Component;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Ports;
import lab.stack.Sleep;
import lab.stack.Stack;

/**
 * A crash and a restart of one lab component: `kill -9` of the process its pid file names (verified to be
 * the component's, like every pid the lab acts on), a wait until it is gone, then the same binaries started
 * again and a wait until its health check passes. Measures from the kill: gone_ms (process exited and its
 * ports released) and healthy_ms.
 */
class KillAndRestart implements Fault {

    private static final Duration PORT_RELEASE = Duration.ofSeconds(10);

    private final String name;
    private final String component;
    private final String description;

    KillAndRestart(String name, String component, String description) {
        this.name = name;
        this.component = component;
        this.description = description;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public FaultReport inject(Stack stack, PrintStream out, FaultOptions options) {
        Component c = stack.component(component);
        Daemon daemon = stack.daemon(c);
        if (daemon.state() != Daemon.State.RUNNING) {
            String recorded = daemon.recordedPid().isPresent()
                    ? " (its recorded pid " + daemon.recordedPid().getAsLong() + " is gone)" : "";
            throw new LabException(name + ": " + component + " is not running" + recorded
                    + "; start it with ./lab up " + component);
        }
        for (String dependency : c.dependencies()) {
            if (stack.daemon(stack.component(dependency)).state() != Daemon.State.RUNNING) {
                throw new LabException(name + ": " + dependency + " is not running, so " + component
                        + " could not come back; start the stack with ./lab up " + component);
            }
        }
        long oldPid = daemon.recordedPid().getAsLong();
        out.printf("%s: kill -9 %s (pid %d)%n", name, component, oldPid);
        Instant killedAt = Instant.now();
        long kill = System.nanoTime();
        try {
            daemon.kill();
        } catch (IOException e) {
            throw new LabException(name + ": cannot kill pid " + oldPid + ": " + e.getMessage(), e);
        }
        awaitPortsReleased(name, c);
        long goneMs = (System.nanoTime() - kill) / 1_000_000;
        out.printf("%s: pid %d gone after %d ms; starting %s again%n", name, oldPid, goneMs, component);
        long newPid = stack.relaunch(component);
        long healthyMs = (System.nanoTime() - kill) / 1_000_000;
        return FaultReport.of(name)
                .put("component", component)
                .put("old_pid", oldPid)
                .put("new_pid", newPid)
                .put("killed_at", killedAt.truncatedTo(ChronoUnit.MILLIS).toString())
                .put("gone_ms", goneMs)
                .put("healthy_ms", healthyMs)
                .build();
    }

    /**
     * A killed process stops reading as alive (empty /proc cmdline) a moment before the kernel has closed its
     * sockets: it is gone only once its ports can be bound again.
     */
    static void awaitPortsReleased(String fault, Component c) {
        long deadline = System.nanoTime() + PORT_RELEASE.toNanos();
        for (int port : c.ports()) {
            while (!Ports.free(port)) {
                if (System.nanoTime() > deadline) {
                    throw new LabException(fault + ": port " + port + " still in use " + PORT_RELEASE.toSeconds()
                            + " s after the kill; " + c.name() + " was not started again (./lab up " + c.name() + ")");
                }
                Sleep.millis(20);
            }
        }
    }
}
