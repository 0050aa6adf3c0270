package dev.cadre.platform.plugins;

/** The stable type of a plugin failure, for logs, health and the REST error body. */
public enum PluginProblem {
    /** Not a readable JAR, no manifest, no {@code Plugin-Id} or {@code Plugin-Version}. */
    INVALID_JAR,
    /** The JAR's SHA-256 is not in {@code CADRE_PLUGINS_ALLOWLIST}. */
    NOT_ALLOWED,
    /** {@code Plugin-Requires} does not include the host's plugin API version. */
    INCOMPATIBLE,
    /** A plugin named in {@code Plugin-Dependencies} is not started (or has a version out of range). */
    MISSING_DEPENDENCY,
    /** A handler class cannot be loaded or created, has a blank name, or the plugin failed to start. */
    HANDLER_ERROR,
    /**
     * Loading it (its {@code Plugin} class, a handler's static initialiser, constructor or {@code name()})
     * did not finish within {@code CADRE_PLUGIN_LOAD_TIMEOUT_SECONDS}, or was abandoned because the host
     * is closing; the reason names the step it was stuck in.
     */
    LOAD_TIMEOUT,
    /** A handler name is already provided by a built-in or another plugin. */
    HANDLER_CONFLICT,
    /** No plugin with that id is known. */
    NOT_FOUND,
    /** The plugins directory could not be read or written. */
    IO_ERROR
}
