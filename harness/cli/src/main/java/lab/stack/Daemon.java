package lab.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A component's detached background process, remembered by its pid file.
 * A pid counts as the component's only while /proc/PID/cmdline carries the component's marker
 * argument, so a pid reused by another program (or a zombie) reads as dead.
 */
public final class Daemon {

    public enum State { RUNNING, DEAD, STOPPED }

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Path pidFile;
    private final String marker;

    public Daemon(Path pidFile, String marker) {
        this.pidFile = pidFile;
        this.marker = marker;
    }

    /** The pid the file names, whether or not that process still runs. */
    public OptionalLong recordedPid() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.of(-1);
        }
    }

    public State state() {
        OptionalLong pid = recordedPid();
        if (pid.isEmpty()) {
            return State.STOPPED;
        }
        return isInstance(pid.getAsLong(), marker) ? State.RUNNING : State.DEAD;
    }

    /**
     * A running process stopped by a signal (state {@code T} in /proc/PID/stat): frozen by a fault that could not
     * thaw it, e.g. because the CLI was killed mid-fault.
     */
    public boolean paused() {
        OptionalLong pid = recordedPid();
        return pid.isPresent() && isInstance(pid.getAsLong(), marker) && processState(pid.getAsLong()) == 'T';
    }

    /** Sends SIGCONT to a paused process; returns whether it was paused. */
    public boolean resume() throws IOException {
        if (!paused()) {
            return false;
        }
        signal(recordedPid().getAsLong(), "CONT");
        return true;
    }

    /** The state letter of /proc/PID/stat (after the parenthesised command name, which may hold spaces); '?' if gone. */
    static char processState(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() ? '?' : stat.charAt(end + 2);
        } catch (IOException e) {
            return '?';
        }
    }

    /** Forgets a pid file whose process is gone. */
    public void forget() throws IOException {
        Files.deleteIfExists(pidFile);
    }

    /** Starts the command in its own session (so the CLI's Ctrl-C does not reach it), output appended to log. */
    public Process launch(List<String> command, Path workDir, Path log) throws IOException {
        if (command.stream().noneMatch(arg -> matchesArgument(arg, marker))) {
            throw new IllegalArgumentException("command lacks its marker " + marker + ": " + command);
        }
        Files.createDirectories(log.getParent());
        Files.createDirectories(pidFile.getParent());
        Files.createDirectories(workDir);
        List<String> detached = new ArrayList<>();
        detached.add("setsid");
        detached.addAll(command);
        Process process = new ProcessBuilder(detached)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        Files.writeString(pidFile, process.pid() + "\n");
        return process;
    }

    /** Sends the signal, waits up to grace for the exit, then SIGKILL. Returns false if nothing ran. */
    public boolean stop(String signal, Duration grace) throws IOException {
        OptionalLong pid = recordedPid();
        if (pid.isEmpty() || !isInstance(pid.getAsLong(), marker)) {
            forget();
            return false;
        }
        long p = pid.getAsLong();
        signal(p, signal);
        // A paused process would hold the signal pending until the grace ran out.
        signal(p, "CONT");
        if (!awaitExit(p, grace)) {
            signal(p, "KILL");
            if (!awaitExit(p, KILL_WAIT)) {
                throw new LabException("process " + p + " survived SIGKILL");
            }
        }
        forget();
        return true;
    }

    /**
     * SIGKILL to the recorded process, after checking it is this component's, then waits until it is gone.
     * The pid file stays (the component now reads as dead). Returns the killed pid.
     */
    public long kill() throws IOException {
        OptionalLong pid = recordedPid();
        if (pid.isEmpty() || !isInstance(pid.getAsLong(), marker)) {
            throw new LabException("not running" + (pid.isEmpty() ? "" : " (recorded pid " + pid.getAsLong() + " is gone)"));
        }
        long p = pid.getAsLong();
        signal(p, "KILL");
        if (!awaitExit(p, KILL_WAIT)) {
            throw new LabException("process " + p + " survived SIGKILL");
        }
        return p;
    }

    private boolean awaitExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isInstance(pid, marker)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Sleep.millis(20);
        }
        return true;
    }

    public static void signal(long pid, String signal) throws IOException {
        kill(signal, Long.toString(pid));
    }

    /** Signals every process of the process group whose id is group. */
    public static void signalGroup(long group, String signal) throws IOException {
        kill(signal, "-" + group);
    }

    private static void kill(String signal, String target) throws IOException {
        try {
            new ProcessBuilder("kill", "-s", signal, "--", target)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling " + target, e);
        }
    }

    /** True when pid is a live (non-zombie) process whose command line carries marker. */
    public static boolean isInstance(long pid, String marker) {
        try {
            return pid > 0 && matches(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), marker);
        } catch (IOException e) {
            return false;
        }
    }

    /** cmdline is NUL-separated; a zombie's is empty. The marker is an argument or a "-Dx=marker" value. */
    static boolean matches(byte[] cmdline, String marker) {
        for (String arg : new String(cmdline, StandardCharsets.UTF_8).split("\0")) {
            if (matchesArgument(arg, marker)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesArgument(String arg, String marker) {
        return arg.equals(marker) || arg.endsWith("=" + marker);
    }

    /** Resident memory of the process and its descendants, in KiB (0 if unknown). */
    public static long rssKib(long pid) {
        return ProcessHandle.of(pid)
                .map(h -> rssOf(pid) + h.descendants().mapToLong(d -> rssOf(d.pid())).sum())
                .orElse(0L);
    }

    private static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended while being read
        }
        return 0;
    }
}
