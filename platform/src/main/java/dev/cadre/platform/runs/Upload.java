package dev.cadre.platform.runs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An uploaded file spilled to a temporary file (owner-only) as it arrives, with its size and SHA-256
 * computed on the way, so that no upload is ever held in memory: it goes from the request to the disk
 * and from there to PostgreSQL as a stream. Closing it deletes the file.
 */
public final class Upload implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final long size;
    private final String sha256;

    private Upload(Path file, long size, String sha256) {
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    /** The body was longer than the limit: nothing was kept. */
    public static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooLargeException(long limit) {
            super("the upload is larger than the limit of " + limit + " bytes");
            this.limit = limit;
        }

        /** @return the limit in bytes */
        public long limit() {
            return limit;
        }
    }

    /**
     * Copies a body to a temporary file, refusing it as soon as it passes the limit.
     *
     * @param in    the body
     * @param limit the most bytes taken; 0 or less for none
     * @return the spilled upload, to close once stored
     * @throws TooLargeException when the body is longer than the limit (the partial file is deleted)
     * @throws IOException       when the body or the file cannot be read or written
     */
    public static Upload spill(InputStream in, long limit) throws IOException {
        Path file = Files.createTempFile("cadre-upload-", ".part"); // 0600 on POSIX
        boolean kept = false;
        try {
            MessageDigest digest = sha256Digest();
            long size = 0;
            byte[] buffer = new byte[BUFFER];
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                for (int read; (read = in.read(buffer)) != -1; ) {
                    size += read;
                    if (limit > 0 && size > limit) {
                        throw new TooLargeException(limit);
                    }
                    out.write(buffer, 0, read);
                }
            }
            kept = true;
            return new Upload(file, size, HexFormat.of().formatHex(digest.digest()));
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** @return a spilled copy of bytes already in memory (a test's, a small form's) */
    public static Upload of(byte[] content) {
        try {
            return spill(new java.io.ByteArrayInputStream(content), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the content, read from the file; the caller closes it */
    public InputStream open() {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the spilled upload " + file + " cannot be read", e);
        }
    }

    /** @return its length in bytes */
    public long size() {
        return size;
    }

    /** @return its SHA-256, lowercase hex */
    public String sha256() {
        return sha256;
    }

    /** Deletes the temporary file. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the spilled upload " + file + " could not be deleted", e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
