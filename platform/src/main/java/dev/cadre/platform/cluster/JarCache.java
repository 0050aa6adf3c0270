package dev.cadre.platform.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The host's copies of plugin JARs from the database, one file per SHA-256 under its data directory, so
 * a restart or a switch back to an older release reads no bytes from the database. Bytes are checked
 * against their SHA-256 whenever they are read, from the cache or from the database: a JAR that does
 * not match is never handed out.
 */
public final class JarCache {

    private final Path dir;
    private final PluginStore store;

    /**
     * @param dir   the cache directory (created when missing)
     * @param store where JARs missing from the cache come from
     */
    public JarCache(Path dir, PluginStore store) {
        this.dir = dir;
        this.store = store;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugin cache " + dir, e);
        }
    }

    /**
     * @param sha256 a JAR's SHA-256
     * @return its bytes, checked
     * @throws ReleaseRefusedException when the database has no such JAR or its bytes do not match
     */
    public byte[] get(String sha256) {
        Path file = dir.resolve(sha256 + ".jar");
        try {
            if (Files.isRegularFile(file)) {
                byte[] cached = Files.readAllBytes(file);
                if (sha256(cached).equals(sha256)) {
                    return cached;
                }
                Files.delete(file); // damaged on disk: fetch it again
            }
        } catch (IOException e) {
            // unreadable cache: the database has it
        }
        byte[] stored = store.content(sha256)
                .orElseThrow(() -> new ReleaseRefusedException("the database has no JAR with SHA-256 " + sha256));
        String actual = sha256(stored);
        if (!actual.equals(sha256)) {
            throw new ReleaseRefusedException("the stored JAR's bytes have SHA-256 " + actual + ", not " + sha256
                    + "; refusing to load it");
        }
        try {
            Path part = Files.createTempFile(dir, "." + sha256, ".part");
            Files.write(part, stored);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a cache we cannot write only costs a read from the database next time
        }
        return stored;
    }

    /** @param bytes some bytes @return their SHA-256, lower-case hex */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
