package lab.components;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import lab.stack.LabException;
import lab.stack.Trees;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** Lays out the portable PostgreSQL build (a .txz inside the binaries jar) as bin/, lib/, share/. */
final class PostgresBinaries {
    private PostgresBinaries() {
    }

    /** Extracts jar's archive into dir unless already there; concurrent callers may race safely. */
    static void ensure(Path jar, Path dir) throws IOException {
        if (Files.isExecutable(dir.resolve("bin/postgres"))) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            throw new LabException("PostgreSQL binaries missing: " + jar + " (./lab builds them with the harness)");
        }
        Path staging = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry archive = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new LabException(jar + " holds no .txz archive"));
            try (TarArchiveInputStream tar =
                         new TarArchiveInputStream(new XZCompressorInputStream(zip.getInputStream(archive)))) {
                untar(tar, staging);
            }
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isExecutable(dir.resolve("bin/postgres"))) {
                throw e;
            }
        } finally {
            Trees.delete(staging);
        }
    }

    private static void untar(TarArchiveInputStream tar, Path target) throws IOException {
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
            Path path = target.resolve(entry.getName()).normalize();
            if (!path.startsWith(target)) {
                throw new IOException("archive entry escapes its directory: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
                continue;
            }
            Files.createDirectories(path.getParent());
            if (entry.isSymbolicLink()) {
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else {
                Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE = 0400 .. 0001
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
