package dev.cadre.platform.plugins;

/**
 * A plugin operation did not reach its goal. Carries the plugin id (when known) and a stable
 * {@link PluginProblem} so the REST layer can pick the status code.
 */
public class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pluginId;
    private final PluginProblem problem;

    /**
     * @param pluginId the plugin concerned, or {@code null} when the JAR has no readable id
     * @param problem  what kind of failure
     * @param message  what went wrong, naming the plugin or file
     */
    public PluginException(String pluginId, PluginProblem problem, String message) {
        super(message);
        this.pluginId = pluginId;
        this.problem = problem;
    }

    /** @return the plugin concerned, or {@code null} */
    public String pluginId() {
        return pluginId;
    }

    /** @return the kind of failure */
    public PluginProblem problem() {
        return problem;
    }
}
