package dev.cadre.platform.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a PostgreSQL server writes into {@code postmaster.pid} of its data directory while it runs (and
 * removes on a clean stop): line 1 the postmaster's pid, 2 the data directory, 3 the start time (epoch
 * seconds), 4 the port. A file left behind by a killed host names a pid that may since have been reused.
 *
 * @param file          the file read
 * @param pid           the postmaster's process id
 * @param dataDirectory the data directory the server was started on
 * @param port          the port it listens on, when written
 */
record PostmasterPid(Path file, long pid, Path dataDirectory, OptionalInt port) {

    static final String FILE_NAME = "postmaster.pid";

    /**
     * @param dataDirectory a cluster's data directory
     * @return its {@code postmaster.pid}, when there is one with a readable pid
     * @throws IOException when the file exists but cannot be read
     */
    static Optional<PostmasterPid> read(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.of(new PostmasterPid(file, -1, dataDirectory, OptionalInt.empty()));
        }
        long pid = parseLong(lines.get(0)).orElse(-1L);
        Path directory = lines.size() > 1 && !lines.get(1).isBlank() ? Path.of(lines.get(1).trim()) : dataDirectory;
        OptionalInt port = lines.size() > 3 ? parseLong(lines.get(3)).map(p -> OptionalInt.of(p.intValue())).orElse(OptionalInt.empty())
                : OptionalInt.empty();
        return Optional.of(new PostmasterPid(file, pid, directory, port));
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return FILE_NAME + " (pid " + pid + port.stream().mapToObj(p -> ", port " + p).findFirst().orElse("") + ")";
    }
}
