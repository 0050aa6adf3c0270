package dev.cadre.platform.console;

import dev.cadre.platform.cluster.PluginAdmin;
import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.audit.AuditStates;

import dev.cadre.platform.plugins.PluginHandlerRegistry;
import dev.cadre.platform.plugins.PluginInfo;
import dev.cadre.platform.plugins.PluginStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plugins (admins only): state and reason, handlers, SHA-256; upload a JAR; stop, start, remove. */
final class PluginPages {

    /** How long a removal waits for the plugin's running activities, as {@code DELETE /api/plugins/{id}} does by default. */
    static final Duration REMOVE_WAIT = Duration.ofSeconds(60);

    private final PluginHandlerRegistry registry;
    private final PluginAdmin admin;
    private final Pages pages;
    private final AuditLog audit;

    PluginPages(PluginHandlerRegistry registry, PluginAdmin admin, AuditLog audit, Pages pages) {
        this.registry = registry;
        this.admin = admin;
        this.audit = audit;
        this.pages = pages;
    }

    /** A plugin's row. */
    record Row(String id, String version, String state, String reason, String handlers, String sha256, String file, String base,
               boolean canStop, boolean canStart) {
    }

    void list(Visit visit) {
        List<Row> rows = registry.plugins().stream().map(PluginPages::row).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("plugins", rows);
        model.put("empty", rows.isEmpty());
        model.put("notice", Notice.read(visit, "done").orElse(""));
        pages.render(visit, 200, "plugins", "Plugins", model);
    }

    void upload(Visit visit) {
        byte[] jar = visit.form().file("jar").map(Form.Upload::content).orElseThrow(() -> ConsoleException.badRequest("Choose a plugin JAR to upload."));
        List<PluginInfo> before = registry.plugins();
        PluginInfo installed = admin.install(jar, visit.principal().username());
        audit.recordInstall(visit.actor(), before, installed);
        visit.redirect("/plugins?" + Notice.query(visit, "done", "Installed " + installed.label() + ": " + installed.status().name()));
    }

    void act(Visit visit) {
        String id = visit.path("id");
        Map<String, Object> before = AuditStates.plugin(registry.plugin(id).orElse(null));
        String done = switch (visit.path("action")) {
            case "stop" -> {
                String message = admin.releasesOf(id).isEmpty() ? "Stopped " + registry.stop(id).label()
                        : "Disabled " + id + " on every host (" + admin.disable(id, null, visit.principal().username()).size() + " release(s))";
                audit.record(visit.actor(), AuditAction.PLUGIN_DISABLE, "plugin:" + id, before, AuditStates.plugin(registry.plugin(id).orElse(null)));
                yield message;
            }
            case "start" -> {
                String message = admin.releasesOf(id).isEmpty() ? "Started " + registry.start(id).label()
                        : "Enabled " + admin.enable(id, null, visit.principal().username()).map(PluginInfo::label).orElse(id) + " on every host";
                audit.record(visit.actor(), AuditAction.PLUGIN_ENABLE, "plugin:" + id, before, AuditStates.plugin(registry.plugin(id).orElse(null)));
                yield message;
            }
            case "remove" -> {
                boolean unloaded;
                try {
                    unloaded = admin.remove(id, null, visit.principal().username(), REMOVE_WAIT).unloaded();
                } catch (dev.cadre.platform.cluster.ReleaseInUseException e) {
                    yield "Not removed: " + e.getMessage(); // lists the template versions and runs that use it
                }
                audit.record(visit.actor(), AuditAction.PLUGIN_REMOVE, "plugin:" + id, before, Map.of("unloaded", unloaded));
                yield unloaded ? "Removed " + id : "Removing " + id + ": it waits for its running activities";
            }
            default -> throw ConsoleException.notFound("Plugins can be stopped, started or removed.");
        };
        visit.redirect("/plugins?" + Notice.query(visit, "done", done));
    }

    private static Row row(PluginInfo info) {
        return new Row(info.id(), Formats.text(info.version()), info.status().name(), Formats.text(info.reason()), String.join(", ", info.handlers()),
                Formats.text(info.sha256()), Formats.text(info.file()), "/plugins/" + Links.encode(info.id()),
                info.status() == PluginStatus.STARTED, info.status() == PluginStatus.STOPPED || info.status() == PluginStatus.FAILED);
    }
}
