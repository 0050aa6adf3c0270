package dev.cadre.platform.cluster;

import dev.cadre.platform.persistence.Jdbc;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The hosts of the cluster in PostgreSQL: each registers itself, sends a heartbeat with where each
 * release stands on it, and is live while its heartbeats keep coming. The database's clock decides
 * liveness, so hosts whose clocks disagree still agree on who is live.
 */
public final class ClusterHosts {

    /** A host without a heartbeat this long is lost. */
    public static final Duration LOST_AFTER = Duration.ofSeconds(15);
    /** A lost host is forgotten this long after its last heartbeat. */
    static final Duration FORGOTTEN_AFTER = Duration.ofDays(7);

    private final DataSource dataSource;

    /** @param dataSource the cluster's database */
    public ClusterHosts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Registers (or re-registers, after a restart) a host.
     *
     * @param host what it says about itself; {@code lastSeen}, {@code live} and {@code releases} are ignored
     */
    public void register(ClusterHost host) {
        Jdbc.inTransaction(dataSource, "registering host " + host.id(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO cluster_hosts (host_id, host_name, pid, version, admin_url, builtins, started_at, last_seen)
                    VALUES (?, ?, ?, ?, ?, ?, ?, now())
                    ON CONFLICT (host_id) DO UPDATE SET host_name = EXCLUDED.host_name, pid = EXCLUDED.pid,
                        version = EXCLUDED.version, admin_url = EXCLUDED.admin_url, builtins = EXCLUDED.builtins,
                        started_at = EXCLUDED.started_at, last_seen = now()
                    """)) {
                upsert.setString(1, host.id());
                upsert.setString(2, host.hostName());
                upsert.setLong(3, host.pid());
                upsert.setString(4, host.version());
                upsert.setString(5, host.adminUrl());
                upsert.setArray(6, connection.createArrayOf("text", host.builtins().toArray()));
                upsert.setTimestamp(7, Timestamp.from(host.startedAt()));
                upsert.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM cluster_hosts WHERE last_seen < now() - make_interval(secs => ?)")) {
                delete.setLong(1, FORGOTTEN_AFTER.toSeconds());
                delete.executeUpdate();
            }
            return null;
        });
    }

    /**
     * @param hostId   the host
     * @param adminUrl its admin endpoint, or {@code null} to keep the registered one
     * @param releases where each release stands on it now (replaces what it reported before)
     */
    public void heartbeat(String hostId, String adminUrl, List<HostRelease> releases) {
        Jdbc.inTransaction(dataSource, "heartbeat of host " + hostId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE cluster_hosts SET last_seen = now(), admin_url = COALESCE(?, admin_url) WHERE host_id = ?")) {
                update.setString(1, adminUrl);
                update.setString(2, hostId);
                update.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cluster_host_releases WHERE host_id = ?")) {
                delete.setString(1, hostId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO cluster_host_releases (host_id, plugin_id, version, sha256, state, reason, handlers)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)) {
                for (HostRelease release : releases) {
                    insert.setString(1, hostId);
                    insert.setString(2, release.pluginId());
                    insert.setString(3, release.version());
                    insert.setString(4, release.sha256());
                    insert.setString(5, release.state());
                    insert.setString(6, release.reason());
                    insert.setArray(7, connection.createArrayOf("text", release.handlers().toArray()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** @param hostId a host shutting down cleanly: it is lost at once, not after {@link #LOST_AFTER} */
    public void leave(String hostId) {
        Jdbc.inTransaction(dataSource, "host " + hostId + " leaving", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE cluster_hosts SET last_seen = now() - make_interval(secs => ?) WHERE host_id = ?")) {
                update.setLong(1, LOST_AFTER.toSeconds() + 1);
                update.setString(2, hostId);
                update.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cluster_host_releases WHERE host_id = ?")) {
                delete.setString(1, hostId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** @return every registered host, live ones first, each with its releases */
    public List<ClusterHost> list() {
        return Jdbc.inTransaction(dataSource, "listing hosts", connection -> {
            Map<String, List<HostRelease>> releases = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT host_id, plugin_id, version, sha256, state, reason, handlers FROM cluster_host_releases
                    ORDER BY host_id, plugin_id, version
                    """); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    releases.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(new HostRelease(rows.getString(2),
                            rows.getString(3), rows.getString(4).strip(), rows.getString(5), rows.getString(6), strings(rows.getArray(7))));
                }
            }
            List<ClusterHost> hosts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT host_id, host_name, pid, version, admin_url, started_at, last_seen,
                           last_seen > now() - make_interval(secs => ?) AS live, builtins
                    FROM cluster_hosts ORDER BY live DESC, host_name, started_at
                    """)) {
                select.setLong(1, LOST_AFTER.toSeconds());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String id = rows.getString(1);
                        hosts.add(new ClusterHost(id, rows.getString(2), rows.getLong(3), rows.getString(4), rows.getString(5),
                                rows.getTimestamp(6).toInstant(), rows.getTimestamp(7).toInstant(), rows.getBoolean(8),
                                strings(rows.getArray(9)), releases.getOrDefault(id, List.of())));
                    }
                }
            }
            return hosts;
        });
    }

    /** @return the live hosts only */
    public List<ClusterHost> live() {
        return list().stream().filter(ClusterHost::live).toList();
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    /** @return now, for callers that register a host */
    static Instant now() {
        return Instant.now();
    }
}
