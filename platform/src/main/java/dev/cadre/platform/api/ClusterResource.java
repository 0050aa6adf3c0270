package dev.cadre.platform.api;

import dev.cadre.platform.cluster.ClusterHost;
import dev.cadre.platform.cluster.ClusterNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/cluster}: every host (live and lost) with its releases and handlers, and the releases the hosts follow. */
final class ClusterResource {

    private final ClusterNode cluster;

    ClusterResource(ClusterNode cluster) {
        this.cluster = cluster;
    }

    void cluster(Call call) {
        List<ClusterHost> hosts = cluster.hosts().list();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("self", cluster.hostId());
        body.put("hosts", hosts.stream().map(ClusterResource::view).toList());
        body.put("releases", cluster.store().releases());
        call.respond(200, body);
    }

    static Map<String, Object> view(ClusterHost host) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", host.id());
        view.put("hostName", host.hostName());
        view.put("pid", host.pid());
        view.put("version", host.version());
        view.put("adminUrl", host.adminUrl());
        view.put("startedAt", host.startedAt());
        view.put("lastSeen", host.lastSeen());
        view.put("state", host.live() ? "LIVE" : "LOST");
        view.put("releases", host.releases());
        view.put("handlers", host.handlers());
        return view;
    }
}
