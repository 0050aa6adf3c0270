package dev.cadre.platform.plugins;

/**
 * Opens {@link PluginJarBuilder} (package-private) to the admin endpoint's tests, so they upload the
 * same real, compiled plugin JARs as the registry's tests.
 */
public final class ApiTestPluginJars {

    private ApiTestPluginJars() {
    }

    /**
     * @param id          Plugin-Id
     * @param version     Plugin-Version
     * @param handlerName a handler answering {@code {"handler": name, "version": version}}
     * @return the JAR's bytes
     */
    public static byte[] withHandler(String id, String version, String handlerName) {
        return PluginJarBuilder.plugin(id, version).handler(handlerName).build();
    }

    /** @return a JAR without a manifest: readable, but not a plugin */
    public static byte[] withoutManifest() {
        return PluginJarBuilder.withoutManifest().build();
    }
}
