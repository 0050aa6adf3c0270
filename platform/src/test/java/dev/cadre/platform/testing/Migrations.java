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

    /** @return how many versioned migrations there are (the latest version, as they are numbered 1, 2, 3...) */
    public static int count() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations in " + DIRECTORY.toAbsolutePath(), e);
        }
    }
}
