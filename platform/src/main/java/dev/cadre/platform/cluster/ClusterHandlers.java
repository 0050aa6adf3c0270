package dev.cadre.platform.cluster;

import dev.cadre.platform.plugins.HandlerLease;
import dev.cadre.platform.plugins.HandlerProvenance;
import dev.cadre.platform.plugins.HandlerRegistry;
import java.util.Optional;
import java.util.SortedMap;

/**
 * This host's handlers for running steps, the cluster's for judging templates: a handler is known when
 * this host or any live host has it, since steps go to the hosts that have their handler.
 */
public final class ClusterHandlers implements HandlerRegistry {

    private final HandlerRegistry local;
    private final ClusterNode cluster;

    /**
     * @param local   this host's handlers (leases come from here only)
     * @param cluster the cluster's live hosts
     */
    public ClusterHandlers(HandlerRegistry local, ClusterNode cluster) {
        this.local = local;
        this.cluster = cluster;
    }

    @Override
    public Optional<HandlerLease> lease(String handlerName) {
        return local.lease(handlerName);
    }

    @Override
    public Optional<HandlerLease> lease(String handlerName, String release) {
        return local.lease(handlerName, release);
    }

    @Override
    public SortedMap<String, HandlerProvenance> handlers() {
        return local.handlers();
    }

    @Override
    public boolean knows(String handlerName) {
        if (local.knows(handlerName)) {
            return true;
        }
        try {
            return cluster.anyLiveHostHas(handlerName);
        } catch (RuntimeException e) {
            return false; // the database is away: judge by this host alone
        }
    }
}
