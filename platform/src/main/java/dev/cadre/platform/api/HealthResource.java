package dev.cadre.platform.api;

import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.plugins.PluginInfo;
import dev.cadre.platform.plugins.PluginStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/health}: up when the database, Temporal and the worker are; failed plugins are reported, not fatal. */
final class HealthResource {

    private final CadreHost host;

    HealthResource(CadreHost host) {
        this.host = host;
    }

    void health(Call call) {
        boolean db = host.database().isUp();
        boolean temporal = host.temporal().isUp();
        boolean worker = host.worker().isRunning();
        List<PluginInfo> plugins = host.handlers().plugins(); // a snapshot: never waits for a plugin being loaded
        long failed = plugins.stream().filter(p -> p.status() == PluginStatus.FAILED || p.status() == PluginStatus.REJECTED).count();
        boolean up = db && temporal && worker;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("db", state(db));
        body.put("temporal", state(temporal));
        body.put("worker", state(worker));
        body.put("plugins", Map.of("count", plugins.size(), "failed", failed));
        call.respond(up ? 200 : 503, body);
    }

    private static String state(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
