package dev.cadre.platform.plugins;

import dev.cadre.plugin.api.ActivityHandler;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cadre's own handler name -> plugin handler map, replaced as a whole (copy on write) whenever a
 * generation starts or goes, so leasing never calls PF4J and never sees a half-made switch.
 *
 * <p>Why a lease never comes back empty during an upgrade: the new map is published before the old
 * generation is retired, so a lease that finds the old generation retired reads the map again and
 * finds the new one.
 */
final class HandlerTable {

    record Binding(ActivityHandler handler, HandlerProvenance provenance, Generation generation) {
    }

    private volatile Map<String, Binding> bindings = Map.of();

    /**
     * @param handlerName a handler name
     * @return a lease on the plugin handler of that name, or empty when no started plugin provides it
     */
    Optional<HandlerLease> lease(String handlerName) {
        Binding seen = null;
        while (true) {
            Binding binding = bindings.get(handlerName);
            if (binding == null || binding == seen) {
                return Optional.empty();
            }
            if (binding.generation().tryAcquire()) {
                return Optional.of(new PluginLease(binding));
            }
            seen = binding; // retired: the map that replaced it is already visible
        }
    }

    /**
     * Removes the handlers of {@code previous} and adds those of {@code next} in one step. Callers hold
     * the catalog's lock.
     *
     * @param previous the generation going away, or {@code null}
     * @param next     the generation coming in, or {@code null}
     */
    void replace(Generation previous, Generation next) {
        Map<String, Binding> copy = new HashMap<>(bindings);
        if (previous != null) {
            copy.values().removeIf(binding -> binding.generation() == previous);
        }
        if (next != null) {
            PluginJar jar = next.jar();
            next.handlers().forEach((name, handler) -> copy.put(name, new Binding(handler,
                    new HandlerProvenance(name, jar.id(), jar.version(), jar.sha256()), next)));
        }
        bindings = Map.copyOf(copy);
    }

    /**
     * @param handlerName a handler name
     * @return the generation providing it now, if any
     */
    Optional<Generation> owner(String handlerName) {
        Binding binding = bindings.get(handlerName);
        return binding == null ? Optional.empty() : Optional.of(binding.generation());
    }

    /** @return every plugin handler name with its provenance */
    SortedMap<String, HandlerProvenance> provenances() {
        TreeMap<String, HandlerProvenance> all = new TreeMap<>();
        bindings.forEach((name, binding) -> all.put(name, binding.provenance()));
        return Collections.unmodifiableSortedMap(all);
    }

    /**
     * @param generation  a generation not bound by name (a release loaded beside the running one)
     * @param handlerName one of its handlers
     * @return a lease on it, or empty when the generation is retired
     */
    static Optional<HandlerLease> leaseOf(Generation generation, String handlerName) {
        ActivityHandler handler = generation.handlers().get(handlerName);
        if (handler == null || !generation.tryAcquire()) {
            return Optional.empty();
        }
        PluginJar jar = generation.jar();
        return Optional.of(new PluginLease(new Binding(handler,
                new HandlerProvenance(handlerName, jar.id(), jar.version(), jar.sha256()), generation)));
    }

    /** A plugin handler on loan; holds its generation open until closed. */
    private static final class PluginLease implements HandlerLease {
        private final HandlerProvenance provenance;
        private final AtomicReference<Binding> binding;

        PluginLease(Binding binding) {
            this.provenance = binding.provenance();
            this.binding = new AtomicReference<>(binding);
        }

        @Override
        public ActivityHandler handler() {
            Binding current = binding.get();
            if (current == null) {
                throw new IllegalStateException("the lease on handler '" + provenance.handlerName() + "' is closed");
            }
            return current.handler();
        }

        @Override
        public HandlerProvenance provenance() {
            return provenance;
        }

        @Override
        public void close() {
            // dropping the binding also drops this lease's reference to the plugin's classes
            Binding current = binding.getAndSet(null);
            if (current != null) {
                current.generation().release();
            }
        }
    }
}
