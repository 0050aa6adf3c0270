package dev.cadre.platform.console;

import dev.cadre.platform.cluster.ClusterHost;
import dev.cadre.platform.cluster.ClusterNode;
import dev.cadre.platform.cluster.HostRelease;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cluster (admins only): live and lost hosts, each with its releases (state and reason) and handlers, as {@code GET /api/cluster}. */
final class ClusterPage {

    private final ClusterNode cluster;
    private final Pages pages;

    ClusterPage(ClusterNode cluster, Pages pages) {
        this.cluster = cluster;
        this.pages = pages;
    }

    /** A host's row. */
    record HostRow(String id, String hostName, long pid, String version, String adminUrl, String startedAt, String lastSeen,
                   String state, boolean self, String handlers, List<ReleaseRow> releases) {
    }

    /** A release on a host. */
    record ReleaseRow(String label, String state, String reason, boolean failed) {
    }

    void show(Visit visit) {
        List<HostRow> hosts = cluster.hosts().list().stream().map(this::row).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("hosts", hosts);
        model.put("live", hosts.stream().filter(h -> h.state().equals("LIVE")).count());
        model.put("lost", hosts.stream().filter(h -> h.state().equals("LOST")).count());
        pages.render(visit, 200, "cluster", "Cluster", model);
    }

    private HostRow row(ClusterHost host) {
        List<ReleaseRow> releases = host.releases().stream()
                .map(r -> new ReleaseRow(r.pluginId() + " " + r.version(), r.state(), Formats.text(r.reason()),
                        HostRelease.FAILED.equals(r.state())))
                .toList();
        return new HostRow(host.id(), host.hostName(), host.pid(), Formats.text(host.version()), Formats.text(host.adminUrl()),
                String.valueOf(host.startedAt()), String.valueOf(host.lastSeen()), host.live() ? "LIVE" : "LOST",
                host.id().equals(cluster.hostId()), String.join(", ", host.handlers()), releases);
    }
}
