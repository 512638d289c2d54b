package lab.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** The lab's components, started in dependency order and stopped in reverse. */
public final class Stack {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 30;

    private final Config config;
    private final Map<String, Component> components = new LinkedHashMap<>();
    private final PrintStream out;
    /** Set by {@link #abandon}: read by a concurrent up between its steps. */
    private volatile boolean abandoned;

    public Stack(Config config, List<Component> components, PrintStream out) {
        this.config = config;
        components.forEach(c -> this.components.put(c.name(), c));
        this.out = out;
    }

    public Config config() {
        return config;
    }

    public Component component(String name) {
        Component c = components.get(name);
        if (c == null) {
            throw new LabException("unknown component '" + name + "' (known: "
                    + String.join(", ", components.keySet()) + ")");
        }
        return c;
    }

    /** Every component in dependency order. */
    public List<Component> ordered() {
        return ordered(components.keySet());
    }

    /** The named components plus everything they depend on, dependencies first. */
    List<Component> ordered(Iterable<String> names) {
        List<Component> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : names) {
            visit(name, done, new HashSet<>(), order);
        }
        return order;
    }

    private void visit(String name, Set<String> done, Set<String> path, List<Component> order) {
        if (done.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new IllegalStateException("dependency cycle through " + name);
        }
        Component c = component(name);
        c.dependencies().forEach(d -> visit(d, done, path, order));
        done.add(name);
        order.add(c);
    }

    /** What `up` runs: the named components with their dependencies, or every available one. */
    List<Component> plan(List<String> names) {
        if (!names.isEmpty()) {
            List<Component> plan = ordered(names);
            for (Component c : plan) {
                if (c.unavailableReason() != null) {
                    throw new LabException(c.name() + " is unavailable: " + c.unavailableReason());
                }
            }
            return plan;
        }
        List<Component> plan = new ArrayList<>();
        for (Component c : ordered()) {
            if (c.unavailableReason() == null) {
                plan.add(c);
            } else {
                out.printf("%s: skipped, unavailable: %s%n", c.name(), c.unavailableReason());
            }
        }
        return plan;
    }

    /**
     * For a shutdown hook (Ctrl-C): a running {@link #up} gives up at its next step (its build is stopped, what it
     * started is stopped again), running builds end, then everything the lab started is stopped.
     */
    public void abandon() {
        abandoned = true;
        Maven.stopRunning();
        down();
    }

    private void requireNotAbandoned() {
        if (abandoned) {
            throw new LabException("stopped: the lab is shutting down");
        }
    }

    /** Starts what is not running yet; on any failure stops again what this call started. */
    public synchronized List<Component> up(List<String> names) {
        List<Component> plan = plan(names);
        List<Component> toStart = new ArrayList<>();
        for (Component c : plan) {
            if (c instanceof Deployment) {
                continue;
            }
            Daemon daemon = daemon(c);
            Daemon.State state = daemon.state();
            if (state == Daemon.State.DEAD) {
                out.printf("%s: recorded pid %d is gone or another program's now; starting it again%n",
                        c.name(), daemon.recordedPid().getAsLong());
                forget(daemon);
            }
            if (state != Daemon.State.RUNNING) {
                toStart.add(c);
            }
        }
        requireFreePorts(toStart);
        List<Component> started = new ArrayList<>();
        try {
            for (Component c : plan) {
                requireNotAbandoned();
                if (c instanceof Deployment d) {
                    deploy(d);
                } else if (toStart.contains(c)) {
                    start(c, started);
                } else {
                    Daemon daemon = daemon(c);
                    resume(c, daemon);
                    awaitAccepting(c, () -> daemon.state() == Daemon.State.RUNNING);
                    initialize(c);
                    out.printf("%-17s already running (pid %d)%n", c.name(), daemon.recordedPid().getAsLong());
                }
            }
        } catch (RuntimeException e) {
            for (Component c : started.reversed()) {
                stop(c);
            }
            throw e;
        }
        return plan;
    }

    private void requireFreePorts(List<Component> toStart) {
        for (Component c : toStart) {
            for (int port : c.ports()) {
                if (!Ports.free(port)) {
                    throw new LabException("port " + port + " (" + c.name() + ") is already in use by another"
                            + " program; stop it or move the lab's ports (lab.properties, LAB_<KEY>_PORT,"
                            + " LAB_PORT_OFFSET)");
                }
            }
        }
    }

    /**
     * Starts a component that is not running (e.g. just killed) again from what its last start prepared,
     * without preparing anew (no rebuild, no re-install: the same binaries come back). Its dependencies must
     * be running. Returns the new pid; on failure the new process is stopped again.
     */
    public synchronized long relaunch(String name) {
        Component c = component(name);
        if (c instanceof Deployment) {
            throw new LabException(name + " is not a process of its own: ./lab up " + name + " deploys it again");
        }
        Daemon daemon = daemon(c);
        if (daemon.state() == Daemon.State.RUNNING) {
            throw new LabException(name + " is still running (pid " + daemon.recordedPid().getAsLong() + ")");
        }
        for (String dependency : c.dependencies()) {
            if (daemon(component(dependency)).state() != Daemon.State.RUNNING) {
                throw new LabException(name + " needs " + dependency + ", which is not running (./lab up " + name + ")");
            }
        }
        forget(daemon);
        requireFreePorts(List.of(c));
        List<Component> started = new ArrayList<>();
        try {
            return start(c, started, false);
        } catch (RuntimeException e) {
            started.forEach(this::stop);
            throw e;
        }
    }

    private void start(Component c, List<Component> started) {
        start(c, started, true);
    }

    private long start(Component c, List<Component> started, boolean prepare) {
        long begin = System.nanoTime();
        Process process;
        try {
            if (prepare) {
                c.prepare();
            }
            process = daemon(c).launch(c.command(), c.dataDir(), config.logFile(c.name()));
        } catch (LabException e) {
            throw e;
        } catch (Exception e) {
            throw new LabException(c.name() + ": cannot start: " + e.getMessage(), e);
        }
        started.add(c);
        awaitAccepting(c, process::isAlive);
        initialize(c);
        out.printf("%-17s started in %.1f s (pid %d)%n", c.name(), (System.nanoTime() - begin) / 1e9, process.pid());
        return process.pid();
    }

    /** Deploys d unless it is there already, then waits until it is healthy. */
    private void deploy(Deployment d) {
        long begin = System.nanoTime();
        String what;
        try {
            what = d.deploy();
        } catch (LabException e) {
            throw e;
        } catch (Exception e) {
            throw new LabException(d.name() + ": cannot deploy: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + d.startTimeout().toNanos();
        Deployment.Observed observed;
        while (!(observed = d.observe()).healthy()) {
            if (System.nanoTime() > deadline) {
                throw new LabException(d.name() + (what == null ? " was there already" : " " + what)
                        + " but is not healthy after " + d.startTimeout().toSeconds() + " s: " + d.diagnosis());
            }
            Sleep.millis(250);
        }
        if (what == null) {
            out.printf("%-17s already %s (%s)%n", d.name(), observed.state(), observed.id());
        } else {
            out.printf("%-17s %s; %s after %.1f s (%s)%n", d.name(), what, observed.state(),
                    (System.nanoTime() - begin) / 1e9, observed.id());
        }
    }

    private void initialize(Component c) {
        try {
            c.initialize();
        } catch (LabException e) {
            throw e;
        } catch (Exception e) {
            throw failure(c, "could not be initialised: " + e.getMessage());
        }
    }

    private void awaitAccepting(Component c, BooleanSupplier alive) {
        long deadline = System.nanoTime() + c.startTimeout().toNanos();
        while (!c.accepting()) {
            requireNotAbandoned();
            if (!alive.getAsBoolean()) {
                throw failure(c, "exited while starting");
            }
            if (System.nanoTime() > deadline) {
                throw failure(c, "did not become ready within " + c.startTimeout().toSeconds() + " s");
            }
            Sleep.millis(250);
        }
    }

    private LabException failure(Component c, String what) {
        Path log = config.logFile(c.name());
        return new LabException(c.name() + " " + what + "; last lines of " + log + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops every component the lab started, dependents first (after a concurrent up has finished). */
    public synchronized void down() {
        boolean any = false;
        for (Component c : ordered().reversed()) {
            if (!(c instanceof Deployment)) {
                any |= stop(c);
            }
        }
        if (!any) {
            out.println("nothing was running");
        }
    }

    private boolean stop(Component c) {
        Daemon daemon = daemon(c);
        long begin = System.nanoTime();
        long pid = daemon.recordedPid().orElse(-1);
        try {
            if (daemon.stop(c.stopSignal(), STOP_GRACE)) {
                out.printf("%-17s stopped in %.1f s (pid %d)%n", c.name(), (System.nanoTime() - begin) / 1e9, pid);
                return true;
            }
        } catch (IOException e) {
            throw new LabException(c.name() + ": cannot stop pid " + pid + ": " + e.getMessage(), e);
        }
        return false;
    }

    public List<Status> status() {
        return status(ordered());
    }

    public List<Status> status(List<Component> which) {
        List<Status> statuses = new ArrayList<>();
        for (Component c : which) {
            if (c instanceof Deployment d) {
                statuses.add(status(d));
                continue;
            }
            Daemon daemon = daemon(c);
            Daemon.State state = daemon.state();
            Long pid = state == Daemon.State.STOPPED ? null : daemon.recordedPid().getAsLong();
            String label = switch (state) {
                case RUNNING -> daemon.paused() ? "PAUSED" : c.healthy() ? "running" : "unhealthy";
                case DEAD -> "dead";
                case STOPPED -> c.unavailableReason() == null ? "stopped" : "unavailable";
            };
            Long rss = state == Daemon.State.RUNNING ? Daemon.rssKib(pid) / 1024 : null;
            statuses.add(new Status(c.name(), pid, label, c.endpoint(), rss, config.logFile(c.name()).toString()));
        }
        return statuses;
    }

    private Status status(Deployment d) {
        String log = config.logFile(d.name()).toString();
        if (d.unavailableReason() != null) {
            return new Status(d.name(), null, "unavailable", d.endpoint(), null, log);
        }
        Deployment.Observed o = d.observe();
        return new Status(d.name(), null, o.state(), o.endpoint(), null, log, o.id());
    }

    /** A process left frozen by an interrupted fault is thawed, not started twice. */
    private void resume(Component c, Daemon daemon) {
        try {
            if (daemon.resume()) {
                out.printf("%s: was PAUSED (SIGSTOP); sent SIGCONT%n", c.name());
            }
        } catch (IOException e) {
            throw new LabException(c.name() + ": cannot resume the paused process: " + e.getMessage(), e);
        }
    }

    public Daemon daemon(Component c) {
        return new Daemon(config.pidFile(c.name()), c.marker());
    }

    private void forget(Daemon daemon) {
        try {
            daemon.forget();
        } catch (IOException e) {
            throw new LabException("cannot remove a stale pid file: " + e.getMessage(), e);
        }
    }
}
