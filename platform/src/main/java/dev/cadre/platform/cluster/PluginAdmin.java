package dev.cadre.platform.cluster;

import dev.cadre.platform.plugins.CadreVersionManager;
import dev.cadre.platform.plugins.PluginException;
import dev.cadre.platform.plugins.PluginHandlerRegistry;
import dev.cadre.platform.plugins.PluginInfo;
import dev.cadre.platform.plugins.PluginProblem;
import dev.cadre.platform.plugins.UninstallResult;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What an admin does to the cluster's plugins, from REST, the console or the CLI: each action changes
 * the release's record in the database (which every host follows) and then brings this host in line at
 * once, so the answer says how it stands here.
 */
public final class PluginAdmin {

    private final ClusterNode cluster;
    private final PluginHandlerRegistry registry;

    /**
     * @param cluster  this host in the cluster
     * @param registry this host's plugins
     */
    public PluginAdmin(ClusterNode cluster, PluginHandlerRegistry registry) {
        this.cluster = cluster;
        this.registry = registry;
    }

    /**
     * @param jar   an uploaded JAR
     * @param actor who installs it
     * @return it, started on this host and enabled for every host
     */
    public PluginInfo install(byte[] jar, String actor) {
        PluginInfo installed = cluster.plugins().install(jar, actor);
        cluster.reportNow(); // the cluster's view of this host (what publishing checks) has the new handlers before the answer
        return installed;
    }

    /**
     * Disables every release of a plugin, or one.
     *
     * @return the releases changed
     * @throws PluginException {@link PluginProblem#NOT_FOUND} when there is no such plugin or release
     */
    public List<PluginRelease> disable(String pluginId, String version, String actor) {
        List<PluginRelease> changed = change(pluginId, version, PluginRelease.DesiredState.DISABLED, actor);
        cluster.plugins().reconcile();
        return changed;
    }

    /**
     * Enables a release again: the one named, else the plugin's newest that is not removed.
     *
     * @return the plugin as it stands on this host afterwards, if loaded
     * @throws PluginException {@link PluginProblem#NOT_FOUND} when there is no such plugin or release
     */
    public Optional<PluginInfo> enable(String pluginId, String version, String actor) {
        String chosen = version != null ? version : releasesOf(pluginId).stream()
                .filter(r -> r.desiredState() != PluginRelease.DesiredState.REMOVED)
                .map(PluginRelease::version).max(Comparator.comparing(CadreVersionManager::parse))
                .orElseThrow(() -> notFound(pluginId, null));
        change(pluginId, chosen, PluginRelease.DesiredState.ENABLED, actor);
        cluster.plugins().reconcile();
        return registry.plugin(pluginId);
    }

    /**
     * Removes every release of a plugin, or one, from every host; waits here for its running activities.
     *
     * @return how the removal went on this host
     * @throws PluginException {@link PluginProblem#NOT_FOUND} when there is no such plugin or release
     * @throws ReleaseInUseException when a published template version pins it or a running workflow uses it
     */
    public UninstallResult remove(String pluginId, String version, String actor, Duration wait) {
        Optional<PluginInfo> here = registry.plugin(pluginId);
        if (here.isEmpty() && releasesOf(pluginId).isEmpty()) {
            throw notFound(pluginId, version);
        }
        if (!releasesOf(pluginId).isEmpty()) {
            List<List<String>> uses = cluster.store().uses(pluginId, version);
            if (!uses.get(0).isEmpty() || !uses.get(1).isEmpty()) {
                throw new ReleaseInUseException(version == null ? pluginId : pluginId + "@" + version, uses.get(0), uses.get(1));
            }
            change(pluginId, version, PluginRelease.DesiredState.REMOVED, actor);
        }
        UninstallResult result;
        if (here.isPresent() && (version == null || version.equals(here.get().version()))) {
            try {
                result = registry.uninstall(pluginId, wait);
            } catch (PluginException e) {
                if (e.problem() != PluginProblem.NOT_FOUND) {
                    throw e;
                }
                // the reconciler, hearing the change, unloaded it first
                int open = registry.activeLeases(pluginId);
                result = new UninstallResult(pluginId, here.get().version(), open == 0, open);
            }
        } else {
            result = new UninstallResult(pluginId, version, true, 0);
        }
        cluster.requestPass();
        return result;
    }

    /** @return the plugin's releases in the database */
    public List<PluginRelease> releasesOf(String pluginId) {
        return cluster.store().releases().stream().filter(r -> r.pluginId().equals(pluginId)).toList();
    }

    private List<PluginRelease> change(String pluginId, String version, PluginRelease.DesiredState state, String actor) {
        if (releasesOf(pluginId).stream().noneMatch(r -> version == null || r.version().equals(version))) {
            throw notFound(pluginId, version);
        }
        return cluster.store().setState(pluginId, version, state, actor);
    }

    private static PluginException notFound(String pluginId, String version) {
        return new PluginException(pluginId, PluginProblem.NOT_FOUND,
                version == null ? "no plugin '" + pluginId + "'" : "no release " + pluginId + "@" + version);
    }
}
