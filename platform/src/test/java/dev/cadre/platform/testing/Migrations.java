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
        return versions().size();
    }

    /** @return the latest version, the one a migrated database is at */
    public static int latest() {
        return versions().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static java.util.List<Integer> versions() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations in " + DIRECTORY.toAbsolutePath(), e);
        }
    }
}
