package dev.cadre.platform.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's password, kept in a file readable by its owner only ({@code $CADRE_DATA_DIR/pg.password},
 * mode 600): 32 random bytes from {@link SecureRandom}, generated at the first start and reused after.
 *
 * @param file    where it is kept
 * @param value   the password; never logged
 * @param created whether this start generated it (so the cluster does not have it yet)
 */
record PasswordFile(Path file, String value, boolean created) {

    static final String FILE_NAME = "pg.password";

    private static final Logger log = LoggerFactory.getLogger(PasswordFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * @param file where the password is kept
     * @return the password in the file, generated into it (mode 600 from the start) when the file is missing
     * @throws UncheckedIOException when the file cannot be read or written
     */
    static PasswordFile readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            boolean created = !Files.exists(file) && create(file);
            if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                log.warn("The database password file {} was readable by others; restricting it to its owner", file);
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (value.isEmpty()) {
                throw new DatabaseException("the database password file " + file
                        + " is empty; delete it, and the next start generates a new password and sets it in the embedded PostgreSQL");
            }
            return new PasswordFile(file, value, created);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the database password file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            if (posix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        log.info("Generated the embedded PostgreSQL's password into {}", file);
        return true;
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "PasswordFile[" + file + "]";
    }
}
