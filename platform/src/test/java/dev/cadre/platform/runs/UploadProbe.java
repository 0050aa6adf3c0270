package dev.cadre.platform.runs;

import dev.cadre.platform.engine.Artifacts;
import java.io.InputStream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Run in a JVM of its own with a small heap by {@link StreamedUploadIT}: stores a generated upload larger
 * than that heap as an artifact, the way the host stores one ({@code streamed}: spilled to disk, then
 * streamed to PostgreSQL), or the way it used to ({@code buffered}: read into memory first).
 * Arguments: mode, JDBC URL, user, password, run id, size in bytes.
 */
final class UploadProbe {

    private UploadProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[1]);
        dataSource.setUser(args[2]);
        dataSource.setPassword(args[3]);
        long runId = Long.parseLong(args[4]);
        long size = Long.parseLong(args[5]);
        Artifacts artifacts = new Artifacts(dataSource);
        if (mode.equals("buffered")) {
            artifacts.put(runId, "big-buffered.bin", "application/octet-stream", generated(size).readAllBytes());
        } else {
            try (Upload upload = Upload.spill(generated(size), size)) {
                try (InputStream in = upload.open()) {
                    artifacts.put(runId, "big.bin", "application/octet-stream", in, upload.size(), upload.sha256());
                }
                System.out.println("sha256=" + upload.sha256());
            }
        }
    }

    /** @return {@code size} bytes of a repeating pattern, made as they are read */
    static InputStream generated(long size) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < size ? (int) (position++ % 251) : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = (byte) (position++ % 251);
                }
                return n;
            }
        };
    }
}
