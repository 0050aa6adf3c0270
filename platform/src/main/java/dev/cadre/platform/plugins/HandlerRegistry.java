package dev.cadre.platform.plugins;

import java.util.Optional;
import java.util.SortedMap;

/**
 * Resolves a template's {@code handler_name} to the handler that runs it. Built-in handlers (host
 * class path, ServiceLoader) and plugin handlers share one name space.
 *
 * <p>Implementations are thread-safe: the worker leases handlers from many threads while plugins are
 * installed, upgraded and removed.
 */
public interface HandlerRegistry {

    /**
     * Leases the handler of that name for one execution. While a lease is open, the plugin that
     * provides it is not unloaded (an upgrade lets it finish on the old version; new leases go to
     * the new one), so close it in a {@code finally} or try-with-resources.
     *
     * @param handlerName the name templates use
     * @return the lease, or empty when no loaded plugin or built-in provides that name
     */
    Optional<HandlerLease> lease(String handlerName);

    /**
     * Leases the handler of that name from one exact plugin release, for a step its template version pins.
     *
     * @param handlerName the name templates use
     * @param release     the plugin release version ({@code Plugin-Version})
     * @return the lease, or empty when that release of the handler is not loaded here
     */
    default Optional<HandlerLease> lease(String handlerName, String release) {
        Optional<HandlerLease> lease = lease(handlerName);
        if (lease.isPresent() && !release.equals(lease.get().provenance().pluginVersion())) {
            lease.get().close();
            return Optional.empty();
        }
        return lease;
    }

    /** @return every handler name known now, with where it comes from, sorted by name */
    SortedMap<String, HandlerProvenance> handlers();

    /**
     * @param handlerName a handler name
     * @return whether a handler of that name is available now
     */
    default boolean knows(String handlerName) {
        return handlers().containsKey(handlerName);
    }

    /**
     * @param handlerName a handler name
     * @return the output shape the handler declares (empty map: it declares none), or empty when no
     *         handler of that name is available now
     */
    default Optional<java.util.Map<String, Object>> outputShape(String handlerName) {
        return lease(handlerName).map(lease -> {
            try (lease) {
                java.util.Map<String, Object> shape = lease.handler().outputShape();
                return shape == null ? java.util.Map.<String, Object>of() : shape;
            }
        });
    }
}
