package dev.cadre.platform.cluster;

import dev.cadre.platform.persistence.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The plugins of the whole cluster, in PostgreSQL: each JAR once by SHA-256, each release with its
 * desired state. Every change ends with {@code NOTIFY cadre_plugins} in the same transaction, so the
 * hosts listening hear of it when it is committed, never before.
 */
public final class PluginStore {

    /** The channel hosts {@code LISTEN} on for plugin changes. */
    public static final String CHANNEL = "cadre_plugins";

    private final DataSource dataSource;

    /** @param dataSource the cluster's database */
    public PluginStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a JAR (once per SHA-256) and makes its release enabled. Storing a release that exists with
     * other bytes replaces its JAR; a JAR no release points at any more is deleted.
     *
     * @param pluginId the JAR's {@code Plugin-Id}
     * @param version  its {@code Plugin-Version}
     * @param sha256   the SHA-256 of {@code content}, already checked by the caller
     * @param content  the JAR
     * @param actor    who installed it
     * @return the release as stored
     */
    public PluginRelease store(String pluginId, String version, String sha256, byte[] content, String actor) {
        return Jdbc.inTransaction(dataSource, "storing plugin " + pluginId + "@" + version, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO plugin_jars (sha256, size_bytes, content) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING")) {
                insert.setString(1, sha256);
                insert.setInt(2, content.length);
                insert.setBytes(3, content);
                insert.executeUpdate();
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO plugin_releases (plugin_id, version, sha256, desired_state, installed_by, changed_by)
                    VALUES (?, ?, ?, 'ENABLED', ?, ?)
                    ON CONFLICT (plugin_id, version) DO UPDATE SET
                        sha256 = EXCLUDED.sha256, desired_state = 'ENABLED',
                        installed_by = CASE WHEN plugin_releases.sha256 = EXCLUDED.sha256 THEN plugin_releases.installed_by
                                            ELSE EXCLUDED.installed_by END,
                        installed_at = CASE WHEN plugin_releases.sha256 = EXCLUDED.sha256 THEN plugin_releases.installed_at
                                            ELSE now() END,
                        changed_by = EXCLUDED.changed_by, changed_at = now()
                    """)) {
                upsert.setString(1, pluginId);
                upsert.setString(2, version);
                upsert.setString(3, sha256);
                upsert.setString(4, actor);
                upsert.setString(5, actor);
                upsert.executeUpdate();
            }
            deleteOrphanJars(connection);
            notifyHosts(connection);
            return find(connection, pluginId, version).orElseThrow();
        });
    }

    /**
     * Sets the desired state of one release, or of every release of a plugin.
     *
     * @param pluginId the plugin
     * @param version  one version, or {@code null} for all of them
     * @param state    the new state
     * @param actor    who changed it
     * @return the releases changed (empty when the plugin or version is unknown)
     */
    public List<PluginRelease> setState(String pluginId, String version, PluginRelease.DesiredState state, String actor) {
        return Jdbc.inTransaction(dataSource, "changing plugin " + pluginId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE plugin_releases SET desired_state = ?, changed_by = ?, changed_at = now()
                    WHERE plugin_id = ? AND (CAST(? AS VARCHAR) IS NULL OR version = ?) AND desired_state <> ?
                    """)) {
                update.setString(1, state.name());
                update.setString(2, actor);
                update.setString(3, pluginId);
                update.setString(4, version);
                update.setString(5, version);
                update.setString(6, state.name());
                update.executeUpdate();
            }
            notifyHosts(connection);
            List<PluginRelease> changed = new ArrayList<>();
            for (PluginRelease release : list(connection)) {
                if (release.pluginId().equals(pluginId) && (version == null || release.version().equals(version))) {
                    changed.add(release);
                }
            }
            return changed;
        });
    }

    /** @return every release, by plugin id then installation time */
    public List<PluginRelease> releases() {
        return Jdbc.inTransaction(dataSource, "reading plugin releases", PluginStore::list);
    }

    /**
     * @param sha256 a JAR's SHA-256
     * @return its bytes as stored, unchecked (the caller checks them against {@code sha256})
     */
    public Optional<byte[]> content(String sha256) {
        return Jdbc.inTransaction(dataSource, "reading plugin JAR " + sha256, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT content FROM plugin_jars WHERE sha256 = ?")) {
                select.setString(1, sha256);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /**
     * @return the SHA-256 of every release a template version still needs loaded: pinned by a published
     *         version, or by a version with running workflows
     */
    public java.util.Set<String> pinnedReleases() {
        return Jdbc.inTransaction(dataSource, "reading pinned plugin releases", connection -> {
            java.util.Set<String> pinned = new java.util.HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT DISTINCT p.sha256 FROM template_release_pins p JOIN workflow_templates t ON t.id = p.template_id
                    WHERE t.status = 'PUBLISHED'
                       OR EXISTS (SELECT 1 FROM workflow_instances w WHERE w.template_id = t.id AND w.status = 'RUNNING')
                    """); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pinned.add(rows.getString(1).strip());
                }
            }
            return pinned;
        });
    }

    /**
     * @param pluginId a plugin
     * @param version  one version, or {@code null} for every release of it
     * @return {@code [published template versions ("code v2") that pin it, ids of running workflows whose version pins it]}
     */
    public List<List<String>> uses(String pluginId, String version) {
        return Jdbc.inTransaction(dataSource, "reading the uses of plugin " + pluginId, connection -> {
            List<String> templates = new ArrayList<>();
            List<String> runs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT DISTINCT t.code, t.version FROM template_release_pins p JOIN workflow_templates t ON t.id = p.template_id
                    WHERE p.plugin_id = ? AND (CAST(? AS VARCHAR) IS NULL OR p.version = ?) AND t.status = 'PUBLISHED'
                    ORDER BY t.code, t.version
                    """)) {
                select.setString(1, pluginId);
                select.setString(2, version);
                select.setString(3, version);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        templates.add(rows.getString(1) + " v" + rows.getInt(2));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT w.workflow_id FROM workflow_instances w
                    WHERE w.status = 'RUNNING' AND w.template_id IN (SELECT p.template_id FROM template_release_pins p
                          WHERE p.plugin_id = ? AND (CAST(? AS VARCHAR) IS NULL OR p.version = ?))
                    ORDER BY w.started_at LIMIT 100
                    """)) {
                select.setString(1, pluginId);
                select.setString(2, version);
                select.setString(3, version);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        runs.add(rows.getString(1));
                    }
                }
            }
            return List.of(List.copyOf(templates), List.copyOf(runs));
        });
    }

    /** @return {@code [releases, jars, bytes of jars]}, for the operator's sizing */
    public long[] size() {
        return Jdbc.inTransaction(dataSource, "sizing plugin tables", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT (SELECT count(*) FROM plugin_releases), (SELECT count(*) FROM plugin_jars),
                           pg_total_relation_size('plugin_jars') + pg_total_relation_size('plugin_releases')
                    """); ResultSet rows = select.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)};
            }
        });
    }

    private static List<PluginRelease> list(Connection connection) throws SQLException {
        List<PluginRelease> all = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT plugin_id, version, sha256, desired_state, installed_by, installed_at, changed_by, changed_at
                FROM plugin_releases ORDER BY plugin_id, installed_at, version
                """); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                all.add(release(rows));
            }
        }
        return all;
    }

    private static Optional<PluginRelease> find(Connection connection, String pluginId, String version) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT plugin_id, version, sha256, desired_state, installed_by, installed_at, changed_by, changed_at
                FROM plugin_releases WHERE plugin_id = ? AND version = ?
                """)) {
            select.setString(1, pluginId);
            select.setString(2, version);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(release(rows)) : Optional.empty();
            }
        }
    }

    private static PluginRelease release(ResultSet rows) throws SQLException {
        return new PluginRelease(rows.getString(1), rows.getString(2), rows.getString(3).strip(),
                PluginRelease.DesiredState.valueOf(rows.getString(4)), rows.getString(5), rows.getTimestamp(6).toInstant(),
                rows.getString(7), rows.getTimestamp(8).toInstant());
    }

    private static void deleteOrphanJars(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM plugin_jars j WHERE NOT EXISTS (SELECT 1 FROM plugin_releases r WHERE r.sha256 = j.sha256)")) {
            delete.executeUpdate();
        }
    }

    static void notifyHosts(Connection connection) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', 'changed')")) {
            notify.execute();
        }
    }
}
