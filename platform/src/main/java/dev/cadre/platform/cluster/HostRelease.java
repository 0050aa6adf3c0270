package dev.cadre.platform.cluster;

import java.util.List;

/**
 * Where one release stands on one host, as {@code GET /api/cluster} lists it.
 *
 * @param pluginId the plugin
 * @param version  the release's version
 * @param sha256   its JAR
 * @param state    LOADED, FAILED, PENDING, SUPERSEDED, DISABLED or REMOVED
 * @param reason   why it is not loaded, or {@code null}
 * @param handlers the handler names it provides on this host (when loaded)
 */
public record HostRelease(String pluginId, String version, String sha256, String state, String reason, List<String> handlers) {

    /** Loaded and its handlers taking steps. */
    public static final String LOADED = "LOADED";
    /** This host could not load it; {@code reason} says why. */
    public static final String FAILED = "FAILED";

    /** Copies the handler names. */
    public HostRelease {
        handlers = List.copyOf(handlers);
    }
}
