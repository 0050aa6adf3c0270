package dev.cadre.platform.api;

import dev.cadre.platform.plugins.HandlerProvenance;
import dev.cadre.platform.plugins.HandlerRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/handlers}: every handler name with where it comes from, {@code builtin} or {@code id@version}. */
final class HandlerResource {

    private final HandlerRegistry registry;

    HandlerResource(HandlerRegistry registry) {
        this.registry = registry;
    }

    void list(Call call) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Map.Entry<String, HandlerProvenance> entry : registry.handlers().entrySet()) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", entry.getValue().source());
            source.put("sha256", entry.getValue().sha256());
            body.put(entry.getKey(), source);
        }
        call.respond(200, body);
    }
}
