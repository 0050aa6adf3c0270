package dev.cadre.platform.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the data directory to its owner: the directory itself mode 0700, and group and other permissions
 * taken off everything under it. It holds the PostgreSQL cluster, the PostgreSQL binaries the host executes
 * ({@code pg-runtime/}, which zonky makes world-writable), passwords, the admin token and plugin JARs: a local
 * user who could swap any of them would run code as the host. Symbolic links are not followed.
 */
public final class OwnerOnly {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> GROUP_AND_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /**
     * Creates the directory (mode 0700) when missing, then takes group and other permissions off it and
     * everything under it. On a file system without POSIX permissions it does nothing.
     *
     * @param directory the data directory
     */
    public static void secure(Path directory) {
        try {
            if (!Files.getFileStore(Files.createDirectories(directory)).supportsFileAttributeView("posix")) {
                return;
            }
            tree(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + directory + " owner-only: " + e.getMessage(), e);
        }
    }

    /** @param root a directory whose tree loses group and other permissions (links not followed) */
    static void tree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                restrict(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isSymbolicLink()) {
                    restrict(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!(e instanceof NoSuchFileException)) {
                    log.warn("Cannot make {} owner-only: {}", file, e.getMessage());
                }
                return FileVisitResult.CONTINUE; // e.g. a file PostgreSQL removed while we walked
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE; // a directory removed while we listed it (plugin staging) is fine
            }
        });
    }

    /** Other threads of a starting host (plugin seeding) create and remove files while we walk: gone is fine. */
    private static void restrict(Path path) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (permissions.removeAll(GROUP_AND_OTHER)) {
                Files.setPosixFilePermissions(path, permissions);
                log.debug("{} is now {}", path, PosixFilePermissions.toString(permissions));
            }
        } catch (NoSuchFileException e) {
            log.trace("{} went away while it was secured", path);
        }
    }
}
