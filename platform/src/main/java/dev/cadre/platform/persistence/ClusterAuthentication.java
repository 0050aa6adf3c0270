package dev.cadre.platform.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password authentication for the embedded cluster, applied to its data directory before the server starts:
 * the superuser gets the password of {@link PasswordFile} (set in single-user mode, where nothing listens, so
 * no connection is ever trusted), then {@code pg_hba.conf} is replaced by one that asks every connection for
 * a SCRAM-SHA-256 password. A cluster created by an older host (initdb's {@code trust} for everything, no
 * password) is upgraded the same way, in place, with its data.
 *
 * <p>Crash-safe by order: the password is set whenever {@code pg_hba.conf} is not yet Cadre's or the
 * password file is new, and {@code pg_hba.conf} is switched only after that succeeded.
 */
final class ClusterAuthentication {

    static final String HBA_FILE = "pg_hba.conf";
    static final String SUPERUSER = "postgres";

    static final String HBA = """
            # Written by Cadre at every start of its embedded PostgreSQL: every connection needs the password
            # (SCRAM-SHA-256) kept in $CADRE_DATA_DIR/pg.password. Edits here are replaced.
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256
            host    all       all   ::1/128        scram-sha-256
            """;

    private static final Logger log = LoggerFactory.getLogger(ClusterAuthentication.class);
    private static final long SINGLE_USER_TIMEOUT_SECONDS = 300;

    private ClusterAuthentication() {
    }

    /**
     * @param binaries      the PostgreSQL programs
     * @param dataDirectory the cluster, not running
     * @param password      the password to require
     * @param created       whether initdb just made the cluster (else it is one an earlier start used)
     * @throws DatabaseException when the password cannot be set
     * @throws UncheckedIOException when {@code pg_hba.conf} cannot be written
     */
    static void apply(PostgresBinaries binaries, Path dataDirectory, PasswordFile password, boolean created) {
        Path hba = dataDirectory.resolve(HBA_FILE);
        boolean hbaIsOurs = isOurs(hba);
        if (!hbaIsOurs || password.created()) {
            if (!created && !hbaIsOurs && wasTrusting(hba)) {
                log.info("Embedded PostgreSQL in {} accepted local connections without a password (trust); switching it to "
                        + "password authentication (SCRAM-SHA-256) with the password in {}", dataDirectory, password.file());
            }
            setPassword(binaries, dataDirectory, password.value());
            log.info("Set the embedded PostgreSQL superuser's password (from {})", password.file());
        }
        if (!hbaIsOurs) {
            writeHba(hba);
            log.info("Wrote {}: password (SCRAM-SHA-256) authentication for every connection, no trust", hba);
        }
    }

    static boolean isOurs(Path hba) {
        try {
            return Files.isRegularFile(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(HBA);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean wasTrusting(Path hba) {
        try {
            return Files.isRegularFile(hba) && Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                    .map(String::trim).anyMatch(line -> !line.startsWith("#") && line.matches(".*\\btrust\\b.*"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code postgres --single}, which reads one statement per line from its standard input. */
    private static void setPassword(PostgresBinaries binaries, Path dataDirectory, String password) {
        if (!password.matches("[A-Za-z0-9_\\-]+")) {
            throw new DatabaseException("the database password must be letters, digits, '-' and '_' only (as generated); "
                    + "delete the password file to have a new one generated");
        }
        List<String> command = new ArrayList<>(binaries.command("postgres"));
        command.addAll(List.of("--single", "-D", dataDirectory.toString(),
                "-c", "password_encryption=scram-sha-256", "-c", "log_statement=none", SUPERUSER));
        try {
            Path output = Files.createTempFile("cadre-pg-single", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(("ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + password + "'\n").getBytes(StandardCharsets.UTF_8));
                }
                if (!process.waitFor(SINGLE_USER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new DatabaseException("postgres --single on " + dataDirectory + " did not finish within "
                            + SINGLE_USER_TIMEOUT_SECONDS + " s");
                }
                String transcript = Files.readString(output, StandardCharsets.UTF_8).replace(password, "***");
                if (process.exitValue() != 0 || transcript.contains("ERROR:") || transcript.contains("FATAL:")) {
                    throw new DatabaseException("cannot set the embedded PostgreSQL's password in " + dataDirectory
                            + " (postgres --single exited " + process.exitValue() + "):\n" + transcript.strip());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run postgres --single on " + dataDirectory + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while setting the embedded PostgreSQL's password");
        }
    }

    private static void writeHba(Path hba) {
        try {
            Path temporary = hba.resolveSibling(HBA_FILE + ".cadre-new");
            Files.writeString(temporary, HBA, StandardCharsets.UTF_8);
            if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(temporary, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + hba + ": " + e.getMessage(), e);
        }
    }
}
