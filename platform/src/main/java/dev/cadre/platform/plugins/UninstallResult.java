package dev.cadre.platform.plugins;

/**
 * The outcome of {@link PluginHandlerRegistry#uninstall}. The plugin's handlers are gone and its file
 * deleted either way; when {@code unloaded} is false the wait timed out with leases still open, and the
 * class loader is closed as soon as the last of them is returned.
 *
 * @param pluginId   the plugin removed
 * @param version    its version
 * @param unloaded   whether it was unloaded within the timeout
 * @param openLeases leases still open when the call returned (0 when unloaded)
 */
public record UninstallResult(String pluginId, String version, boolean unloaded, int openLeases) {
}
