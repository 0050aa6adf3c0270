package dev.cadre.platform.engine;

import dev.cadre.plugin.api.Artifact;
import dev.cadre.plugin.api.ArtifactStore;
import dev.cadre.platform.persistence.DatabaseException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code workflow_artifacts}: blobs scoped to one workflow run, written by handlers and by people
 * (evidence uploads through the admin endpoint).
 */
public final class Artifacts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private final DataSource dataSource;
    private final ArtifactUses uses;

    /** @param dataSource the host database */
    public Artifacts(DataSource dataSource) {
        this.dataSource = dataSource;
        this.uses = new ArtifactUses(dataSource);
    }

    /** @return which completed steps relied on which artifacts (what makes an artifact write-once) */
    public ArtifactUses uses() {
        return uses;
    }

    /**
     * @param runId the {@code workflow_instances.id}
     * @return the artifact store handlers of that run see
     */
    public ArtifactStore store(long runId) {
        return new Store(runId);
    }

    /**
     * @param name a proposed artifact name
     * @return whether it is acceptable: 1 to 200 characters of letters, digits, {@code . _ -}, with
     *         {@code /} between non-empty segments, and no {@code .} or {@code ..} segment
     */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > 200 || !NAME.matcher(name).matches()) {
            return false;
        }
        for (String segment : name.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param content bytes
     * @return their lower-case hex SHA-256
     */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /**
     * Facts about a stored artifact, without its bytes.
     *
     * @param name        its name
     * @param contentType its MIME type
     * @param size        its size in bytes
     * @param sha256      its SHA-256
     * @param createdAt   when it was last written
     */
    public record Info(String name, String contentType, long size, String sha256, Instant createdAt) {
    }

    /**
     * @param runId the run
     * @return its artifacts, sorted by name
     */
    public List<Info> list(long runId) {
        return query(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT name, content_type, size_bytes, sha256, created_at FROM workflow_artifacts WHERE workflow_instance_id = ? ORDER BY name")) {
                statement.setLong(1, runId);
                List<Info> infos = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        infos.add(new Info(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
                    }
                }
                return infos;
            }
        });
    }

    /**
     * How much a run stores.
     *
     * @param count its artifacts
     * @param bytes their total size
     */
    public record Usage(int count, long bytes) {
    }

    /**
     * @param runId  the run
     * @param except an artifact name left out of the sums (the one about to be replaced), or {@code null}
     * @return the run's artifact count and total bytes
     */
    public Usage usage(long runId, String except) {
        return query(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT count(*), COALESCE(sum(size_bytes), 0) FROM workflow_artifacts WHERE workflow_instance_id = ? AND name <> ?")) {
                statement.setLong(1, runId);
                statement.setString(2, except == null ? "" : except);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return new Usage(rs.getInt(1), rs.getLong(2));
                }
            }
        });
    }

    /**
     * @param runId the run
     * @param name  the artifact's name
     * @return the artifact, if stored
     */
    public Optional<Artifact> get(long runId, String name) {
        return query(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT content_type, bytes, sha256 FROM workflow_artifacts WHERE workflow_instance_id = ? AND name = ?")) {
                statement.setLong(1, runId);
                statement.setString(2, name);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? Optional.of(new Artifact(name, rs.getString(1), rs.getBytes(2), rs.getString(3).trim())) : Optional.empty();
                }
            }
        });
    }

    /**
     * Stores or replaces an artifact; writing identical content again is a no-op.
     *
     * @param runId       the run
     * @param name        a valid name (see {@link #isValidName})
     * @param contentType its MIME type
     * @param content     the bytes
     * @return the stored artifact
     */
    public Artifact put(long runId, String name, String contentType, byte[] content) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid artifact name '" + name + "': use 1-200 letters, digits, '.', '_', '-' and '/' between segments");
        }
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        String sha = sha256(content);
        write(runId, name, type, new java.io.ByteArrayInputStream(content), content.length, sha);
        return new Artifact(name, type, content, sha);
    }

    /**
     * Stores or replaces an artifact from a stream, which PostgreSQL's driver sends as it reads it: the
     * content is never held in this process's memory. Writing identical content again is a no-op.
     *
     * @param runId       the run
     * @param name        a valid name (see {@link #isValidName})
     * @param contentType its MIME type
     * @param content     exactly {@code size} bytes, read once
     * @param size        their length
     * @param sha256      their SHA-256, lower-case hex, computed by the caller while it received them
     */
    public void put(long runId, String name, String contentType, java.io.InputStream content, long size, String sha256) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid artifact name '" + name + "': use 1-200 letters, digits, '.', '_', '-' and '/' between segments");
        }
        write(runId, name, contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType, content, size, sha256);
    }

    private void write(long runId, String name, String type, java.io.InputStream content, long size, String sha) {
        query(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO workflow_artifacts (workflow_instance_id, name, content_type, bytes, size_bytes, sha256)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (workflow_instance_id, name) DO UPDATE SET content_type = EXCLUDED.content_type,
                        bytes = EXCLUDED.bytes, size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, created_at = now()
                    WHERE workflow_artifacts.sha256 <> EXCLUDED.sha256 OR workflow_artifacts.content_type <> EXCLUDED.content_type
                    """)) {
                statement.setLong(1, runId);
                statement.setString(2, name);
                statement.setString(3, type);
                statement.setBinaryStream(4, content, Math.toIntExact(size));
                statement.setInt(5, Math.toIntExact(size));
                statement.setString(6, sha);
                return statement.executeUpdate();
            }
        });
    }

    private <T> T query(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException("artifact access failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final class Store implements ArtifactStore {
        private final long runId;

        Store(long runId) {
            this.runId = runId;
        }

        @Override
        public Artifact put(String name, String contentType, byte[] content) {
            return Artifacts.this.put(runId, name, contentType, content);
        }

        @Override
        public Optional<Artifact> get(String name) {
            return Artifacts.this.get(runId, name);
        }

        @Override
        public List<String> list() {
            return Artifacts.this.list(runId).stream().map(Info::name).toList();
        }
    }
}
