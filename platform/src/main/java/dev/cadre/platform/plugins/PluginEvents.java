package dev.cadre.platform.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects plugin state changes while the catalog's lock is held and hands them to the listeners after
 * it is released, so a slow or failing listener never blocks or breaks a lifecycle operation.
 */
final class PluginEvents {

    private static final Logger log = LoggerFactory.getLogger(PluginEvents.class);

    private final List<PluginListener> listeners = new CopyOnWriteArrayList<>();
    private final List<PluginInfo> pending = new ArrayList<>();

    void add(PluginListener listener) {
        listeners.add(listener);
    }

    void remove(PluginListener listener) {
        listeners.remove(listener);
    }

    synchronized void changed(PluginInfo info) {
        pending.add(info);
    }

    /** Tells the listeners about the changes collected so far; call without holding the catalog's lock. */
    void fire() {
        List<PluginInfo> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = List.copyOf(pending);
            pending.clear();
        }
        for (PluginInfo info : batch) {
            for (PluginListener listener : listeners) {
                try {
                    listener.pluginChanged(info);
                } catch (RuntimeException e) {
                    log.warn("Plugin listener {} failed on {}: {}", listener, info.label(), e.toString());
                }
            }
        }
    }
}
