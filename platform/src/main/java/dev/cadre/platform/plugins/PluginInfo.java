package dev.cadre.platform.plugins;

import java.util.List;

/**
 * What the host knows about one plugin JAR (provenance and state), as {@code GET /api/plugins} lists it.
 * Holds strings only, never the plugin's classes, so keeping one does not pin a class loader.
 *
 * @param id          {@code Plugin-Id}, or {@code null} when the JAR could not be read
 * @param version     {@code Plugin-Version}, or {@code null}
 * @param provider    {@code Plugin-Provider}, or {@code null}
 * @param description {@code Plugin-Description}, or {@code null}
 * @param status      where it stands
 * @param problem     the kind of failure for FAILED and REJECTED, else {@code null}
 * @param reason      a sentence saying why it is not started, else {@code null}
 * @param file        the JAR's file name in the plugins directory
 * @param sha256      the JAR's SHA-256 (lower-case hex), or {@code null} when unreadable
 * @param handlers    the handler names it provides (or provided at its last load), sorted
 */
public record PluginInfo(String id, String version, String provider, String description, PluginStatus status,
                         PluginProblem problem, String reason, String file, String sha256, List<String> handlers) {

    /** Copies the handler list. */
    public PluginInfo {
        handlers = List.copyOf(handlers);
    }

    /** @return {@code id@version}, or the file name when the JAR has no id */
    public String label() {
        return id == null ? file : id + "@" + version;
    }
}
