package dev.cadre.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {

    @TempDir
    Path data;

    @Test
    void takesGroupAndOtherOffEverythingUnderTheDirectory() throws IOException {
        Path plugin = Files.createDirectories(data.resolve("plugins")).resolve("a.jar");
        Files.writeString(plugin, "jar");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rw-rw-rw-"));

        OwnerOnly.secure(data);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(plugin)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }

    /** A starting host seeds plugins (a staging directory created, then moved) while the database secures the tree. */
    @Test
    void directoriesThatComeAndGoDuringTheWalkAreNoError() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread churn = new Thread(() -> {
            while (running.get()) {
                Path staging = data.resolve("plugins.seeding");
                try {
                    for (int i = 0; i < 20; i++) {
                        Files.writeString(Files.createDirectories(staging.resolve("d" + i)).resolve("f"), "x");
                    }
                    deleteTree(staging);
                } catch (IOException e) {
                    // the walk only reads; a failure here is the churn racing itself, not the subject
                }
            }
        });
        churn.start();
        try {
            for (int i = 0; i < 300; i++) {
                OwnerOnly.secure(data);
            }
        } finally {
            running.set(false);
            churn.join();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
