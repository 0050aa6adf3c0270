package dev.cadre.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The Flyway migrations the db module ships, counted from its sources so tests need no edit per migration. */
public final class Migrations {

    private static final Path DIRECTORY = Path.of("..", "db", "src", "main", "resources", "db", "migration");

    private Migrations() {
    }

    /** @return how many versioned migrations there are */
    public static int count() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations in " + DIRECTORY.toAbsolutePath(), e);
        }
    }

    /** @return the latest migration's version (numbers may have gaps while parallel work is merged) */
    public static int latest() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations in " + DIRECTORY.toAbsolutePath(), e);
        }
    }
}
