package dev.cadre.platform.plugins;

/**
 * Told about every plugin state change (started, stopped, failed, rejected, unloaded), for logging,
 * health and metrics. Called outside the registry's lock, on the thread that made the change or on
 * the registry's background thread; keep it quick and do not call back into lifecycle operations.
 */
@FunctionalInterface
public interface PluginListener {

    /** @param plugin the plugin's state after the change */
    void pluginChanged(PluginInfo plugin);
}
