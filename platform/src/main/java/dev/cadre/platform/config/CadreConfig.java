package dev.cadre.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The host's configuration, read once at start from {@code conf/cadre.properties} and environment
 * variables (see {@link ConfigLoader}) and passed to whatever needs it.
 *
 * @param home              {@code CADRE_HOME}: the install directory (bin/, conf/, lib/, the bundled plugins/)
 * @param dataDir           {@code CADRE_DATA_DIR}: all state (embedded PostgreSQL, its password, the admin token,
 *                          installed plugins); default {@code home/data}. Keep it outside {@code home} to upgrade by
 *                          unzipping a new version and pointing it at the same data
 * @param dbUrl             {@code CADRE_DB_URL}: a JDBC URL, or empty for the embedded PostgreSQL
 * @param dbUser            {@code CADRE_DB_USER}
 * @param dbPassword        {@code CADRE_DB_PASSWORD}
 * @param dbPoolSize        {@code CADRE_DB_POOL_SIZE}: connections in the pool
 * @param temporalTarget    {@code CADRE_TEMPORAL_TARGET}: {@code embedded} or {@code host:port}
 * @param temporalNamespace {@code CADRE_TEMPORAL_NAMESPACE}
 * @param temporalTlsCert   {@code CADRE_TEMPORAL_TLS_CERT}: client certificate (PEM) for a cluster, optional
 * @param temporalTlsKey    {@code CADRE_TEMPORAL_TLS_KEY}: client private key (PKCS#8 PEM), optional
 * @param embeddedTemporalPort {@code CADRE_TEMPORAL_EMBEDDED_PORT}: port of the in-process server, 0 = any free port
 * @param taskQueue         {@code CADRE_TASK_QUEUE}
 * @param workerActivitySlots {@code CADRE_WORKER_ACTIVITY_SLOTS}: concurrent activities per host
 * @param pluginsDir        {@code CADRE_PLUGINS_DIR}: default {@code dataDir/plugins}, seeded from {@code home/plugins}
 * @param pluginsAllowlist  {@code CADRE_PLUGINS_ALLOWLIST}: a file of SHA-256 sums; empty = any JAR may load
 * @param pluginLoadTimeoutSeconds {@code CADRE_PLUGIN_LOAD_TIMEOUT_SECONDS}: how long loading one plugin (its
 *                          classes, {@code Plugin.start}, handler constructors) may take before it is FAILED
 * @param pluginMaxVersions {@code CADRE_PLUGIN_MAX_VERSIONS}: how many releases of one plugin a host keeps loaded
 *                          side by side (the newest plus releases pinned by template versions), default 3
 * @param adminPort         {@code CADRE_ADMIN_PORT}
 * @param adminBind         {@code CADRE_ADMIN_BIND}: the address the admin endpoint listens on
 * @param adminToken        {@code CADRE_ADMIN_TOKEN}: empty = generated into {@code dataDir/admin.token}
 * @param maxJsonBytes      {@code CADRE_ADMIN_MAX_JSON_BYTES}: largest JSON request body
 * @param maxUploadBytes    {@code CADRE_ADMIN_MAX_UPLOAD_BYTES}: largest plugin JAR or artifact upload
 * @param notifications     {@code CADRE_NOTIFY_WEBHOOK_URL} and {@code CADRE_SMTP_*}: where task events are announced
 * @param runLimits         {@code CADRE_RUN_MAX_ARTIFACTS}, {@code CADRE_RUN_MAX_ARTIFACT_BYTES}: what people may store per run
 * @param signIn            {@code CADRE_LOCAL_LOGIN} and {@code CADRE_OIDC_*}: local passwords and tokens, single sign-on
 */
public record CadreConfig(
        Path home,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String temporalTarget,
        String temporalNamespace,
        Optional<Path> temporalTlsCert,
        Optional<Path> temporalTlsKey,
        int embeddedTemporalPort,
        String taskQueue,
        int workerActivitySlots,
        Path pluginsDir,
        Optional<Path> pluginsAllowlist,
        int pluginLoadTimeoutSeconds,
        int pluginMaxVersions,
        int adminPort,
        String adminBind,
        Optional<String> adminToken,
        long maxJsonBytes,
        long maxUploadBytes,
        NotificationConfig notifications,
        RunLimits runLimits,
        SignInConfig signIn) {

    /** The value of {@code CADRE_TEMPORAL_TARGET} that runs Temporal in-process. */
    public static final String EMBEDDED = "embedded";

    /** @return the plugin JARs shipped with the installation, {@code home/plugins} */
    public Path bundledPluginsDir() {
        return home.resolve("plugins");
    }

    /**
     * @return whether the plugins directory is the default one under the data directory, which is seeded
     *         once from {@link #bundledPluginsDir()}; an explicit {@code CADRE_PLUGINS_DIR} elsewhere is used as is
     */
    public boolean seedsBundledPlugins() {
        return pluginsDir.equals(dataDir.resolve("plugins")) && !pluginsDir.equals(bundledPluginsDir());
    }

    /** @return {@link #pluginLoadTimeoutSeconds()} as a duration */
    public Duration pluginLoadTimeout() {
        return Duration.ofSeconds(pluginLoadTimeoutSeconds);
    }

    /** @return whether the host runs its own PostgreSQL */
    public boolean embeddedDatabase() {
        return dbUrl.isEmpty();
    }

    /** @return whether the host runs its own Temporal server */
    public boolean embeddedTemporal() {
        return EMBEDDED.equalsIgnoreCase(temporalTarget);
    }

    /**
     * @param port the admin endpoint's port, 0 for any free one
     * @return a copy listening there
     */
    public CadreConfig withAdminPort(int port) {
        return new CadreConfig(home, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize, temporalTarget, temporalNamespace,
                temporalTlsCert, temporalTlsKey, embeddedTemporalPort, taskQueue, workerActivitySlots, pluginsDir,
                pluginsAllowlist, pluginLoadTimeoutSeconds, pluginMaxVersions, port, adminBind, adminToken, maxJsonBytes, maxUploadBytes, notifications, runLimits,
                signIn);
    }
}
