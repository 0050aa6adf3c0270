package dev.cadre.platform.plugins;

import java.util.Objects;

/**
 * Where a handler comes from, as run records and {@code GET /api/handlers} report it.
 *
 * @param handlerName   the handler's name
 * @param pluginId      the providing plugin's id, or {@code null} for a built-in
 * @param pluginVersion the plugin's version, or {@code null} for a built-in
 * @param sha256        the SHA-256 of the plugin JAR, or {@code null} for a built-in
 */
public record HandlerProvenance(String handlerName, String pluginId, String pluginVersion, String sha256) {

    /** The source of handlers on the host's own class path. */
    public static final String BUILTIN = "builtin";

    /** Checks the name is present. */
    public HandlerProvenance {
        Objects.requireNonNull(handlerName, "handlerName");
    }

    /**
     * @param handlerName the handler's name
     * @return the provenance of a built-in handler
     */
    public static HandlerProvenance builtin(String handlerName) {
        return new HandlerProvenance(handlerName, null, null, null);
    }

    /** @return whether the handler is a built-in */
    public boolean isBuiltin() {
        return pluginId == null;
    }

    /** @return {@code builtin}, or {@code pluginId@version} */
    public String source() {
        return isBuiltin() ? BUILTIN : pluginId + "@" + pluginVersion;
    }
}
