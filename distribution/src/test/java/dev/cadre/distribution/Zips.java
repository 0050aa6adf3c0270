package dev.cadre.distribution;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Unzips as {@code unzip} does: entries with their POSIX modes (the JDK's zip file system keeps them). */
final class Zips {

    private Zips() {
    }

    /**
     * @param zip         the archive
     * @param destination the directory to unpack into (created)
     */
    static void unzip(Path zip, Path destination) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
            Path root = fs.getPath("/");
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(root)) {
                entries = walk.toList();
            }
            for (Path entry : entries) {
                Path target = destination.resolve(root.relativize(entry).toString()).normalize();
                if (!target.startsWith(destination)) {
                    throw new IOException("zip entry " + entry + " points outside " + destination);
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entry, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(entry));
                }
            }
        }
    }
}
