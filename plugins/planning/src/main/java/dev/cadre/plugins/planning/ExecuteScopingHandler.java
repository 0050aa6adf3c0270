package dev.cadre.plugins.planning;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.AttributeCatalog;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * EXECUTE_SCOPING: selects the attributes in scope (keys, critical data elements, and attributes with
 * profiling anomalies in {@code profiling.json}) and writes {@code scope.json} with the reasons.
 *
 * <p>Output: {@code inScope} (names, dictionary order), {@code inScopeCount}, {@code inScopeByOwner}
 * (owner to names, owners sorted), {@code keyAttribute}, {@code unscopedAnomalies} (anomalous columns
 * the dictionary does not know, so nobody owns them), {@code artifact}.
 */
public final class ExecuteScopingHandler implements ActivityHandler {

    @Override
    public String name() {
        return "ExecuteScopingHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("inScope", Shapes.list(Map.of("type", "string")), "inScopeCount", Shapes.field("number"), "inScopeByOwner", Shapes.field("object"), "keyAttribute", Shapes.field("string"),
                "unscopedAnomalies", Shapes.list(Map.of("type", "string")), "artifact", Shapes.field("string"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        AttributeCatalog catalog = AttributeCatalog.load(context);
        Map<String, Object> profiling = Inputs.json(context, ArtifactNames.PROFILING, "DATA_PROFILING writes it");
        Set<String> anomalous = new LinkedHashSet<>();
        for (Map<String, Object> anomaly : Values.maps(profiling, "anomalies", ArtifactNames.PROFILING)) {
            anomalous.add(Values.requiredString(anomaly, "attribute", ArtifactNames.PROFILING + " anomaly"));
        }
        Map<String, List<String>> reasons = Scope.select(catalog, anomalous);

        Map<String, List<String>> byOwner = new TreeMap<>();
        reasons.keySet().forEach(name -> byOwner.computeIfAbsent(
                catalog.require(name, "scope").owner(), o -> new ArrayList<>()).add(name));
        List<String> unscoped = anomalous.stream().filter(a -> catalog.get(a).isEmpty()).toList();

        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("keyAttribute", catalog.key().name());
        scope.put("attributes", reasons.entrySet().stream().map(e -> Json.object(
                "name", e.getKey(), "owner", catalog.require(e.getKey(), "scope").owner(), "reasons", e.getValue())).toList());
        scope.put("unscopedAnomalies", unscoped);
        Inputs.putJson(context, ArtifactNames.SCOPE, scope);

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("inScope", List.copyOf(reasons.keySet()));
        output.put("inScopeCount", reasons.size());
        output.put("inScopeByOwner", new LinkedHashMap<>(byOwner));
        output.put("keyAttribute", catalog.key().name());
        output.put("unscopedAnomalies", unscoped);
        output.put("artifact", ArtifactNames.SCOPE);
        return ActivityResult.completed(output, reasons.size() + " of " + catalog.all().size() + " attributes in scope");
    }
}
