package lab.components;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import lab.stack.LabException;

/**
 * PostgreSQL refuses to run as root. When the lab runs as root, the server runs as 'nobody',
 * which must own its data directory and be able to reach it and the binaries.
 */
final class Unprivileged {
    private static final String USER = "nobody";

    private final boolean root;
    private final int uid;
    private final int gid;

    Unprivileged() {
        root = currentUid() == 0;
        int[] ids = root ? ids(USER) : new int[] {-1, -1};
        uid = ids[0];
        gid = ids[1];
    }

    /** Prepended to a command so it runs as the unprivileged user (exec, no fork: the pid stays). */
    List<String> prefix() {
        return root ? List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--") : List.of();
    }

    /** Hands dir and everything below to the unprivileged user. */
    void own(Path dir) throws IOException {
        if (!root) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /**
     * preferred, or when the unprivileged user cannot traverse one of its parents (e.g. a checkout
     * under /root), a stand-in directory under the system temp dir, one per preferred path.
     */
    Path reachable(Path preferred) {
        if (!root || traversable(preferred.getParent())) {
            return preferred;
        }
        String id = Integer.toHexString(preferred.toString().hashCode());
        return Path.of(System.getProperty("java.io.tmpdir"), "lab-" + id, preferred.getFileName().toString());
    }

    private static boolean traversable(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new LabException("cannot read the current user id: " + e.getMessage());
        }
    }

    private static int[] ids(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(user)) {
                    return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new LabException("cannot read /etc/passwd: " + e.getMessage());
        }
        throw new LabException("running as root needs a '" + user + "' user for PostgreSQL, which refuses root");
    }
}
