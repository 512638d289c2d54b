package lab.fault;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import lab.stack.Daemon;

/**
 * The processes a fault has frozen (SIGSTOP), each thawed (SIGCONT) when the fault ends however it ends: by
 * {@link #close()}, or, when the CLI itself is interrupted or terminated mid-fault, by a shutdown hook. Without
 * it a Ctrl-C during a pause left a Debezium Server or the TaskManager frozen while status said running. (A CLI
 * killed with SIGKILL runs no hook: {@code ./lab status} then shows the process PAUSED and {@code ./lab up}
 * resumes it.)
 */
final class Freeze implements AutoCloseable {

    /** Frozen by any fault of this JVM and not yet thawed. */
    private static final Set<Long> FROZEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Freeze::thawAll, "thaw-frozen-processes"));
    }

    private final String fault;
    private final List<Long> pids = new ArrayList<>();

    Freeze(String fault) {
        this.fault = fault;
    }

    /** Registered before the signal: a hook that thaws a process not yet stopped does no harm. */
    void stop(long pid) {
        FROZEN.add(pid);
        pids.add(pid);
        Signals.send(fault, pid, "STOP");
    }

    /** Thaws every process this freeze stopped, each even if thawing another failed; throws the first failure. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (long pid : pids) {
            try {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) { // a killed one needs no thaw
                    Signals.send(fault, pid, "CONT");
                }
                FROZEN.remove(pid);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        pids.clear();
        if (first != null) {
            throw first;
        }
    }

    /** What the shutdown hook sends; package-visible so a test can stand in for the hook. */
    static void thawAll() {
        for (long pid : FROZEN) {
            try {
                Daemon.signal(pid, "CONT");
                FROZEN.remove(pid);
            } catch (IOException e) {
                System.err.println("cannot send SIGCONT to " + pid + ": " + e.getMessage());
            }
        }
    }
}
