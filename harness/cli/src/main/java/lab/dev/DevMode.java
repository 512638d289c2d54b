package lab.dev;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.components.App;
import lab.stack.Component;
import lab.stack.Daemon;
import lab.stack.LabException;
import lab.stack.Stack;
import lab.stack.Wire;

/**
 * `lab dev`: the stack without the app component, then the service in Quarkus dev mode (live reload) through the
 * Maven wrapper, configured the way the app component would be. Dev mode runs in a process group of its own
 * (the wrapper does not exec Maven, and Maven forks the service's JVM), which is ended as a whole when it
 * exits or `lab dev` is stopped. The stack keeps running afterwards; `lab down` stops it.
 */
public final class DevMode {

    /** Dev mode's own flags: no interactive console, no debugger port, capped JVMs. */
    static final List<String> FLAGS = List.of("quarkus:dev", "-Dquarkus.console.enabled=false", "-Ddebug=false",
            "-Djvm.args=-Xmx512m");

    private final Stack stack;

    public DevMode(Stack stack) {
        this.stack = stack;
    }

    /** What `lab dev` starts before dev mode: given names, or every available component but the app. */
    static List<String> components(Stack stack, List<String> names) {
        if (!names.isEmpty()) {
            if (names.contains("app")) {
                throw new LabException("dev mode is the app: do not start the app component beside it");
            }
            return names;
        }
        return stack.ordered().stream().filter(c -> !c.name().equals("app") && c.unavailableReason() == null)
                .map(Component::name).toList();
    }

    static List<String> command(String mvnw, App app) {
        List<String> command = new ArrayList<>(List.of("setsid", mvnw));
        command.addAll(FLAGS);
        command.addAll(app.settings());
        return command;
    }

    public int run(List<String> names) {
        if (stack.daemon(stack.component("app")).state() == Daemon.State.RUNNING) {
            throw new LabException("the app component is running on the same port: ./lab down first, or stop it");
        }
        stack.up(components(stack, names));
        // Dev mode builds the service, which builds on the wire module; a change to wire/ needs ./lab dev again.
        Wire.installed(stack.config().root());
        App app = (App) stack.component("app");
        List<String> command = command(stack.config().root().resolve("mvnw").toString(), app);
        System.out.printf("%ndev mode: %s%nthe service will answer on %s (first start takes a minute or two)%n",
                String.join(" ", command), app.endpoint());
        Process devMode;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(stack.config().root().toFile()).inheritIO();
            builder.environment().merge("MAVEN_OPTS", "-Xmx512m", (old, cap) -> old + " " + cap);
            devMode = builder.start();
        } catch (IOException e) {
            throw new LabException("cannot start dev mode: " + e.getMessage(), e);
        }
        Thread stop = new Thread(() -> stopGroup(devMode));
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            int exit = devMode.waitFor();
            System.out.println("dev mode exited (" + exit + "); the stack is still up: ./lab down stops it");
            return exit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
                stopGroup(devMode);
            } catch (IllegalStateException shuttingDown) {
                // the hook is stopping it
            }
        }
    }

    /** setsid made the wrapper the leader of a new group whose id is its pid: TERM the group, KILL what lingers. */
    private static void stopGroup(Process leader) {
        long group = leader.pid();
        try {
            Daemon.signalGroup(group, "TERM");
            leader.waitFor(20, TimeUnit.SECONDS);
            Thread.sleep(2000);
            Daemon.signalGroup(group, "KILL");
        } catch (IOException e) {
            System.err.println("lab: cannot signal dev mode's process group " + group + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
