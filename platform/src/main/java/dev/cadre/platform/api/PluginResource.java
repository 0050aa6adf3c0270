package dev.cadre.platform.api;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.audit.AuditStates;
import dev.cadre.platform.plugins.PluginHandlerRegistry;
import dev.cadre.platform.plugins.PluginInfo;
import dev.cadre.platform.plugins.UninstallResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/plugins}: list, upload (install and start), reload, stop, start, remove. */
final class PluginResource {

    /** What {@code POST /api/plugins} accepts; anything else is a 415 (a form post is a client mistake). */
    private static final Set<String> JAR_TYPES = Set.of("application/java-archive", "application/x-java-archive",
            "application/octet-stream", "application/zip");

    static final int DEFAULT_UNINSTALL_SECONDS = 60;
    static final int MAX_UNINSTALL_SECONDS = 600;

    private final PluginHandlerRegistry registry;
    private final AuditLog audit;

    PluginResource(PluginHandlerRegistry registry, AuditLog audit) {
        this.registry = registry;
        this.audit = audit;
    }

    void list(Call call) {
        call.respond(200, registry.plugins().stream().map(PluginResource::view).toList());
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
        PluginInfo installed = registry.install(jar);
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

    void stop(Call call) {
        String id = call.path("id");
        PluginInfo before = registry.plugin(id).orElse(null);
        PluginInfo after = registry.stop(id);
        audit.record(call.actor(), AuditAction.PLUGIN_DISABLE, "plugin:" + id, AuditStates.plugin(before), AuditStates.plugin(after));
        call.respond(200, view(after));
    }

    void start(Call call) {
        String id = call.path("id");
        PluginInfo before = registry.plugin(id).orElse(null);
        PluginInfo after = registry.start(id);
        audit.record(call.actor(), AuditAction.PLUGIN_ENABLE, "plugin:" + id, AuditStates.plugin(before), AuditStates.plugin(after));
        call.respond(200, view(after));
    }


    /** Removes the plugin; answers 200 once unloaded, 202 when activities still hold it after the wait. */
    void uninstall(Call call) {
        String id = call.path("id");
        int seconds = call.queryInt("timeoutSeconds", DEFAULT_UNINSTALL_SECONDS, 0, MAX_UNINSTALL_SECONDS);
        if (registry.plugin(id).isEmpty()) {
            throw ApiException.notFound("plugin_not_found", "no plugin '" + id + "'");
        }
        PluginInfo before = registry.plugin(id).orElse(null);
        UninstallResult result = registry.uninstall(id, Duration.ofSeconds(seconds));
        audit.record(call.actor(), AuditAction.PLUGIN_REMOVE, "plugin:" + id, AuditStates.plugin(before),
                Map.of("unloaded", result.unloaded(), "openLeases", result.openLeases()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", result.pluginId());
        body.put("version", result.version());
        body.put("unloaded", result.unloaded());
        body.put("openLeases", result.openLeases());
        call.respond(result.unloaded() ? 200 : 202, body);
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
