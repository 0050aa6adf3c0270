package dev.cadre.platform.plugins;

/**
 * Where a plugin JAR stands in the host, as {@code GET /api/plugins} shows it.
 *
 * <pre>
 *   file appears -> inspected -> STARTED -> (stop) STOPPED -> (start) STARTED
 *                            \-> FAILED | REJECTED      \-> (remove, upgrade) UNLOADED
 * </pre>
 */
public enum PluginStatus {
    /** Loaded and its handlers are leased by name. */
    STARTED,
    /** Stopped by an admin: not loaded, its file kept; {@code start} loads it again. */
    STOPPED,
    /** Could not be loaded or started; {@link PluginInfo#reason()} says why. */
    FAILED,
    /** Refused before loading: its SHA-256 is not in the allow-list. */
    REJECTED,
    /** Another file with the same plugin id and a higher version is the one in use. */
    SUPERSEDED,
    /** Removed or replaced by another version; its class loader is closed (reported to listeners only). */
    UNLOADED
}
