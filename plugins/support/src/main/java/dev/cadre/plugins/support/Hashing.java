package dev.cadre.plugins.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers: artifact checksums, and stable seeds derived from text. */
public final class Hashing {

    private Hashing() {
    }

    /** @return the lower-case hex SHA-256 of the bytes, as the host records it */
    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(digest(content));
    }

    /** @return a 64-bit number derived from the text's SHA-256: stable across JVMs and runs */
    public static long seedOf(String text) {
        byte[] d = digest(text.getBytes(StandardCharsets.UTF_8));
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (d[i] & 0xFF);
        }
        return seed;
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
