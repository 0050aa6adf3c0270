package dev.cadre.platform.api;

import dev.cadre.platform.config.CadreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoint's bearer token: {@code CADRE_ADMIN_TOKEN}, or one generated at the first start into
 * {@code $CADRE_HOME/data/admin.token} (mode 600) and reused afterwards. Checked in constant time.
 */
final class AdminToken {

    static final String FILE_NAME = "admin.token";

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String token;
    private final byte[] digest;

    private AdminToken(String token) {
        this.token = token;
        this.digest = sha256(token);
    }

    /**
     * @param config the host configuration
     * @return the configured token, else the one in the data directory (created when missing)
     * @throws UncheckedIOException when the token file cannot be read or written
     */
    static AdminToken resolve(CadreConfig config) {
        if (config.adminToken().isPresent()) {
            return new AdminToken(config.adminToken().get());
        }
        return new AdminToken(fromFile(config.dataDir().resolve(FILE_NAME)));
    }

    /** @return the token, for the host's own clients (CLI demo); never logged */
    String value() {
        return token;
    }

    /**
     * @param presented the token a client sent, or {@code null}
     * @return whether it is the admin token; hashing both first makes the comparison independent of length too
     */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static String fromFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                create(file);
            }
            restrict(file);
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (stored.isEmpty()) {
                throw new IllegalStateException("the admin token file " + file + " is empty; delete it to generate a new token");
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the admin token file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            // created with mode 600, so the token is never readable by others, not even for a moment
            if (supportsPosix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            log.info("Generated the admin token into {}", file);
        } catch (FileAlreadyExistsException e) {
            // another host on the same home created it first: use theirs
        }
    }

    private static void restrict(Path file) throws IOException {
        if (supportsPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            log.warn("The admin token file {} was readable by others; restricting it to its owner", file);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean supportsPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
