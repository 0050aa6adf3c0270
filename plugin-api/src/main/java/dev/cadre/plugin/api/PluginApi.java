package dev.cadre.plugin.api;

/**
 * Facts about this version of the plugin API.
 *
 * <p>A plugin states the API versions it works with in its manifest, as a SemVer range in
 * {@code Plugin-Requires} (for example {@code >=1.0.0 <2.0.0}); the host checks that range against
 * {@link #VERSION} and refuses to start a plugin whose range does not include it. 1.1 added the run's
 * template and recorded steps to {@code ActivityContext} (default methods: 1.0 plugins load unchanged);
 * 1.2 added {@code ActivityHandler.outputShape()} and {@link Shapes} (a default method: 1.0 and 1.1 plugins
 * load unchanged); 1.3 added {@link UploadCheck}, an optional interface a handler may implement to check a
 * person's file when it is submitted (1.0 to 1.2 plugins load unchanged).
 */
public final class PluginApi {

    /** The version of this API, as checked against a plugin's {@code Plugin-Requires} range. */
    public static final String VERSION = "1.3.0";

    private PluginApi() {
    }
}
