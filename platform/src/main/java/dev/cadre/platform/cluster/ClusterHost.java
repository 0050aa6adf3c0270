package dev.cadre.platform.cluster;

import java.time.Instant;
import java.util.List;

/**
 * One host of the cluster as it registered itself, as {@code GET /api/cluster} lists it.
 *
 * @param id        stable per data directory, so a restarted host is the same host
 * @param hostName  the machine's name
 * @param pid       its process id
 * @param version   the Cadre version it runs, or {@code null} when unknown (a development build)
 * @param adminUrl  its admin endpoint, or {@code null} before it listens
 * @param startedAt when it started
 * @param lastSeen  its last heartbeat
 * @param live      whether it sent a heartbeat within {@link ClusterHosts#LOST_AFTER}
 * @param builtins  the built-in handler names it has
 * @param releases  where each plugin release stands on it
 */
public record ClusterHost(String id, String hostName, long pid, String version, String adminUrl, Instant startedAt,
                          Instant lastSeen, boolean live, List<String> builtins, List<HostRelease> releases) {

    /** Copies the lists. */
    public ClusterHost {
        builtins = List.copyOf(builtins);
        releases = List.copyOf(releases);
    }

    /** @return every handler name it can run now: built-ins and those of its loaded releases */
    public List<String> handlers() {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(builtins);
        releases.stream().filter(r -> HostRelease.LOADED.equals(r.state())).forEach(r -> all.addAll(r.handlers()));
        return List.copyOf(all);
    }
}
