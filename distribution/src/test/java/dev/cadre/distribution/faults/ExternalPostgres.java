package dev.cadre.distribution.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server the test runs for the hosts (zonky: real binaries) on a fixed port and data
 * directory, so it can be stopped and started again where the hosts expect it, with its data.
 */
public final class ExternalPostgres implements AutoCloseable {

    private static final String USER = "postgres";

    private final Path dataDirectory;
    private final Path workDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private ExternalPostgres(Path directory, int port) {
        this.dataDirectory = directory.resolve("data");
        this.workDirectory = directory.resolve("runtime");
        this.port = port;
    }

    /**
     * @param directory where the cluster and its runtime files live (created)
     * @return the running server, on a free port
     */
    public static ExternalPostgres start(Path directory) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ExternalPostgres postgres = new ExternalPostgres(directory, port);
        postgres.startAgain();
        return postgres;
    }

    /** Starts the server (again) on the same port and data directory. */
    public void startAgain() throws IOException {
        if (server != null) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is already running");
        }
        Files.createDirectories(dataDirectory);
        Files.createDirectories(workDirectory);
        server = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(workDirectory.toFile())
                .setServerConfig("max_connections", "200")
                .start();
    }

    /** Stops the server (fast shutdown: open connections are cut), keeping its data directory. */
    public void stop() throws IOException {
        if (server != null) {
            EmbeddedPostgres running = server;
            server = null;
            running.close();
        }
    }

    /** @return the JDBC URL hosts are given */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** @return the superuser (trust authentication: any password) */
    public String user() {
        return USER;
    }

    /** @return a new connection, for the test's own checks */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
