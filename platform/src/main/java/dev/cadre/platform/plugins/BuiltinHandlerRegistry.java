package dev.cadre.platform.plugins;

import dev.cadre.plugin.api.ActivityHandler;
import java.util.Collections;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handlers on the host's own class path, found with {@link ServiceLoader} through
 * {@code META-INF/services/dev.cadre.plugin.api.ActivityHandler}. Handlers can also be registered
 * in code (embedding the engine, tests).
 */
public final class BuiltinHandlerRegistry implements HandlerRegistry {

    private static final Logger log = LoggerFactory.getLogger(BuiltinHandlerRegistry.class);

    private final ConcurrentMap<String, ActivityHandler> handlers = new ConcurrentHashMap<>();

    /** @return a registry holding every ServiceLoader handler visible to the host's class loader */
    public static BuiltinHandlerRegistry fromClassPath() {
        BuiltinHandlerRegistry registry = new BuiltinHandlerRegistry();
        for (ActivityHandler handler : ServiceLoader.load(ActivityHandler.class, BuiltinHandlerRegistry.class.getClassLoader())) {
            registry.register(handler);
        }
        log.info("Built-in handlers: {}", registry.handlers.keySet());
        return registry;
    }

    /**
     * @param handler a handler whose name no other built-in has
     * @throws IllegalArgumentException when the name is blank or taken
     */
    public void register(ActivityHandler handler) {
        String name = handler.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("handler " + handler.getClass().getName() + " has a blank name");
        }
        ActivityHandler previous = handlers.putIfAbsent(name, handler);
        if (previous != null && previous != handler) {
            throw new IllegalArgumentException("handler name '" + name + "' is provided by both "
                    + previous.getClass().getName() + " and " + handler.getClass().getName());
        }
    }

    /** @param handlerName the handler to forget */
    public void unregister(String handlerName) {
        handlers.remove(handlerName);
    }

    @Override
    public Optional<HandlerLease> lease(String handlerName) {
        ActivityHandler handler = handlers.get(handlerName);
        return handler == null ? Optional.empty() : Optional.of(new BuiltinLease(handler));
    }

    @Override
    public SortedMap<String, HandlerProvenance> handlers() {
        TreeMap<String, HandlerProvenance> all = new TreeMap<>();
        handlers.keySet().forEach(name -> all.put(name, HandlerProvenance.builtin(name)));
        return Collections.unmodifiableSortedMap(all);
    }

    private record BuiltinLease(ActivityHandler handler) implements HandlerLease {
        @Override
        public HandlerProvenance provenance() {
            return HandlerProvenance.builtin(handler.name());
        }

        @Override
        public void close() {
            // built-ins are never unloaded: nothing to release
        }
    }
}
