package dev.cadre.platform.api;

import dev.cadre.platform.cluster.ClusterHost;
import dev.cadre.platform.cluster.ClusterNode;
import dev.cadre.platform.cluster.HostRelease;
import dev.cadre.platform.cluster.PluginAdmin;
import dev.cadre.platform.cluster.PluginRelease;
import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.audit.AuditStates;
import dev.cadre.platform.plugins.PluginHandlerRegistry;
import dev.cadre.platform.plugins.PluginInfo;
import dev.cadre.platform.plugins.PluginStatus;
import dev.cadre.platform.plugins.UninstallResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/plugins}: list, upload (install and start), reload, stop, start, remove. Install, stop,
 * start and remove change the release's record in the database, which every host of the cluster follows;
 * reload is this host's own.
 */
final class PluginResource {

    /** What {@code POST /api/plugins} accepts; anything else is a 415 (a form post is a client mistake). */
    private static final Set<String> JAR_TYPES = Set.of("application/java-archive", "application/x-java-archive",
            "application/octet-stream", "application/zip");

    static final int DEFAULT_UNINSTALL_SECONDS = 60;
    static final int MAX_UNINSTALL_SECONDS = 600;

    private final PluginHandlerRegistry registry;
    private final ClusterNode cluster;
    private final PluginAdmin admin;
    private final AuditLog audit;

    PluginResource(PluginHandlerRegistry registry, ClusterNode cluster, AuditLog audit) {
        this.registry = registry;
        this.cluster = cluster;
        this.admin = new PluginAdmin(cluster, registry);
        this.audit = audit;
    }

    /** This host's plugin files, each with its release's desired state and the live hosts it is loaded on, then releases not here. */
    void list(Call call) {
        List<PluginRelease> releases = cluster.store().releases();
        Map<String, List<String>> loadedOn = new LinkedHashMap<>();
        for (ClusterHost host : cluster.hosts().live()) {
            for (HostRelease release : host.releases()) {
                if (HostRelease.LOADED.equals(release.state())) {
                    loadedOn.computeIfAbsent(release.pluginId() + "@" + release.version(), k -> new ArrayList<>()).add(host.id());
                }
            }
        }
        List<Map<String, Object>> all = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (PluginInfo info : registry.plugins()) {
            Map<String, Object> view = view(info);
            Optional<PluginRelease> release = releases.stream()
                    .filter(r -> r.pluginId().equals(info.id()) && r.version().equals(info.version())).findFirst();
            view.put("desiredState", release.map(r -> r.desiredState().name()).orElse(null));
            view.put("loadedOn", loadedOn.getOrDefault(info.label(), List.of()));
            shown.add(info.label());
            all.add(view);
        }
        for (PluginRelease release : releases) {
            if (shown.contains(release.label()) || release.desiredState() == PluginRelease.DesiredState.REMOVED) {
                continue;
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", release.pluginId());
            view.put("version", release.version());
            view.put("provider", null);
            view.put("description", null);
            view.put("state", PluginStatus.UNLOADED.name());
            view.put("problem", null);
            view.put("reason", release.desiredState() == PluginRelease.DesiredState.ENABLED
                    ? "not loaded on this host (a newer release of it is, or it failed here: see /api/cluster)"
                    : "disabled by " + release.changedBy());
            view.put("file", release.pluginId() + "-" + release.version() + ".jar");
            view.put("sha256", release.sha256());
            view.put("handlers", List.of());
            view.put("desiredState", release.desiredState().name());
            view.put("loadedOn", loadedOn.getOrDefault(release.label(), List.of()));
            all.add(view);
        }
        call.respond(200, all);
    }

    void install(Call call) {
        String type = call.contentType();
        if (!JAR_TYPES.contains(type)) {
            throw new ApiException(415, "unsupported_media_type", "send the plugin JAR as application/java-archive or application/octet-stream"
                    + (type.isEmpty() ? "" : ", not " + type), null);
        }
        byte[] jar = call.bytes();
        if (jar.length == 0) {
            throw ApiException.badRequest("missing_body", "the request body must be the plugin JAR");
        }
        List<PluginInfo> before = registry.plugins();
        PluginInfo installed = admin.install(jar, call.principal().username());
        audit.recordInstall(call.actor(), before, installed);
        call.respond(201, view(installed));
    }

    void reload(Call call) {
        String id = call.path("id");
        PluginInfo before = registry.plugin(id).orElse(null);
        PluginInfo after = registry.reload(id);
        audit.record(call.actor(), AuditAction.PLUGIN_RELOAD, "plugin:" + id, AuditStates.plugin(before), AuditStates.plugin(after));
        call.respond(200, view(after));
    }

    /** Disables the plugin's releases (or one, {@code ?version=}) on every host; the JARs stay in the database. */
    void stop(Call call) {
        String id = call.path("id");
        Optional<PluginInfo> before = registry.plugin(id);
        if (admin.releasesOf(id).isEmpty()) {
            PluginInfo after = registry.stop(id);
            audit.record(call.actor(), AuditAction.PLUGIN_DISABLE, "plugin:" + id, AuditStates.plugin(before.orElse(null)), AuditStates.plugin(after));
            call.respond(200, view(after));
            return;
        }
        List<PluginRelease> changed = admin.disable(id, call.query("version").orElse(null), call.principal().username());
        PluginInfo after = registry.plugin(id).filter(info -> info.status() == PluginStatus.STARTED) // another enabled release took over
                .orElseGet(() -> {
                    PluginRelease release = changed.isEmpty() ? admin.releasesOf(id).get(0) : changed.get(changed.size() - 1);
                    PluginInfo info = before.orElse(new PluginInfo(id, release.version(), null, null, PluginStatus.STOPPED, null, null,
                            release.pluginId() + "-" + release.version() + ".jar", release.sha256(), List.of()));
                    return new PluginInfo(info.id(), info.version(), info.provider(), info.description(), PluginStatus.STOPPED,
                            null, "disabled by " + release.changedBy(), info.file(), info.sha256(), info.handlers());
                });
        Map<String, Object> audited = AuditStates.plugin(after);
        audited.put("disabled", changed.stream().map(PluginRelease::label).toList());
        audit.record(call.actor(), AuditAction.PLUGIN_DISABLE, "plugin:" + id, AuditStates.plugin(before.orElse(null)), audited);
        call.respond(200, view(after));
    }

    /** Enables the plugin's newest release (or one, {@code ?version=}) on every host again. */
    void start(Call call) {
        String id = call.path("id");
        PluginInfo before = registry.plugin(id).orElse(null);
        PluginInfo info = admin.releasesOf(id).isEmpty() ? registry.start(id)
                : admin.enable(id, call.query("version").orElse(null), call.principal().username())
                        .orElseThrow(() -> ApiException.notFound("plugin_not_found", "no plugin '" + id + "'"));
        audit.record(call.actor(), AuditAction.PLUGIN_ENABLE, "plugin:" + id, AuditStates.plugin(before), AuditStates.plugin(info));
        call.respond(200, view(info));
    }

    /** Removes the plugin (or one release, {@code ?version=}) from every host; answers 200 once unloaded here, 202 while draining. */
    void uninstall(Call call) {
        String id = call.path("id");
        int seconds = call.queryInt("timeoutSeconds", DEFAULT_UNINSTALL_SECONDS, 0, MAX_UNINSTALL_SECONDS);
        String version = call.query("version").orElse(null);
        Map<String, Object> before = releaseState(id, version);
        UninstallResult result = admin.remove(id, version, call.principal().username(), Duration.ofSeconds(seconds));
        audit.record(call.actor(), AuditAction.PLUGIN_REMOVE, "plugin:" + id, before,
                Map.of("version", String.valueOf(result.version()), "unloaded", result.unloaded(), "openLeases", result.openLeases()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", result.pluginId());
        body.put("version", result.version());
        body.put("unloaded", result.unloaded());
        body.put("openLeases", result.openLeases());
        call.respond(result.unloaded() ? 200 : 202, body);
    }

    /**
     * @return what is about to be removed, for the audit log: this host's loaded plugin, or (when it is
     *         disabled here already) its newest release in the database that the removal names
     */
    private Map<String, Object> releaseState(String id, String version) {
        Optional<PluginInfo> loaded = registry.plugin(id).filter(info -> version == null || version.equals(info.version()));
        if (loaded.isPresent()) {
            return AuditStates.plugin(loaded.get());
        }
        List<PluginRelease> releases = admin.releasesOf(id).stream().filter(r -> version == null || r.version().equals(version)).toList();
        if (releases.isEmpty()) {
            return null;
        }
        PluginRelease release = releases.get(releases.size() - 1);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", release.pluginId());
        state.put("version", release.version());
        state.put("sha256", release.sha256());
        state.put("state", release.desiredState().name());
        return state;
    }

    static Map<String, Object> view(PluginInfo info) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", info.id());
        view.put("version", info.version());
        view.put("provider", info.provider());
        view.put("description", info.description());
        view.put("state", info.status().name());
        view.put("problem", info.problem() == null ? null : info.problem().name());
        view.put("reason", info.reason());
        view.put("file", info.file());
        view.put("sha256", info.sha256());
        view.put("handlers", List.copyOf(info.handlers()));
        return view;
    }
}
