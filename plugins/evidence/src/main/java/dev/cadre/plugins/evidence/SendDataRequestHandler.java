package dev.cadre.plugins.evidence;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import dev.cadre.plugin.api.Shapes;
import dev.cadre.plugins.support.ArtifactNames;
import dev.cadre.plugins.support.DataRequest;
import dev.cadre.plugins.support.Inputs;
import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import dev.cadre.plugins.support.Voids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SEND_DATA_REQUEST, once per data owner (the instance key): writes what the owner must supply, the
 * sample ids drawn for the owner (GENERATE_SAMPLES {@code samples}) and the owner's in-scope attributes
 * (EXECUTE_SCOPING {@code inScopeByOwner}, without the key, which identifies rows), as
 * {@code requests/<owner>.json}, plus a fill-in template {@code requests/<owner>.csv} with one row per
 * sample id and the columns {@code document, <key>, <attributes...>}.
 *
 * <p>Rollback ({@link #compensate}) withdraws the request: {@code requests/<owner>.json} gets
 * {@code "status": "WITHDRAWN"} with when and why (the owner sees it; every later reader refuses it),
 * and the fill-in template is marked void. Sending again reopens it.
 *
 * <p>Output: {@code owner}, {@code sampleCount}, {@code attributeCount}, {@code attributes},
 * {@code request}, {@code template}, {@code evidenceArtifact}.
 */
public final class SendDataRequestHandler implements ActivityHandler {

    @Override
    public String name() {
        return "SendDataRequestHandler";
    }

    @Override
    public Map<String, Object> outputShape() {
        return Map.of("owner", Shapes.field("string"), "sampleCount", Shapes.field("number"), "attributeCount", Shapes.field("number"), "attributes", Shapes.list(Map.of("type", "string")),
                "request", Shapes.field("string"), "template", Shapes.field("string"), "evidenceArtifact", Shapes.field("string"));
    }

    @Override
    public ActivityResult execute(ActivityContext context) {
        String owner = Owner.of(context);
        Map<String, Object> scoping = Inputs.output(context, "EXECUTE_SCOPING");
        String key = Values.requiredString(scoping, "keyAttribute", "EXECUTE_SCOPING output");
        List<String> attributes = Values.strings(Values.map(scoping, "inScopeByOwner", "EXECUTE_SCOPING output"),
                owner, "EXECUTE_SCOPING inScopeByOwner").stream().filter(a -> !a.equals(key)).toList();
        List<String> sampleIds = Values.strings(Values.map(Inputs.output(context, "GENERATE_SAMPLES"), "samples",
                "GENERATE_SAMPLES output"), owner, "GENERATE_SAMPLES samples");

        List<String> columns = new ArrayList<>(List.of(ArtifactNames.EVIDENCE_DOCUMENT_COLUMN, key));
        columns.addAll(attributes);
        String evidence = ArtifactNames.evidence(ArtifactNames.EVIDENCE_PREFIX, owner);
        Inputs.putJson(context, ArtifactNames.request(owner), Json.object(
                "owner", owner,
                "status", DataRequest.OPEN,
                "businessKey", context.businessKey(),
                "reportingPeriod", context.parameters().get("reportingPeriod"),
                "keyAttribute", key,
                "attributes", attributes,
                "sampleIds", sampleIds,
                "columns", columns,
                "evidenceArtifact", evidence,
                "instructions", "Upload " + evidence + ": one row per document and sample id, with the columns listed;"
                        + " name each source document in the 'document' column and leave attributes a document does not hold empty."));
        List<List<String>> rows = new ArrayList<>();
        for (String id : sampleIds) {
            List<String> row = new ArrayList<>();
            columns.forEach(c -> row.add(c.equals(key) ? id : ""));
            rows.add(row);
        }
        Inputs.putCsv(context, ArtifactNames.requestTemplate(owner), columns, rows);
        Voids.lift(context, List.of(ArtifactNames.requestTemplate(owner)));

        Map<String, Object> output = new LinkedHashMap<>();
        output.put("owner", owner);
        output.put("sampleCount", sampleIds.size());
        output.put("attributeCount", attributes.size());
        output.put("attributes", attributes);
        output.put("request", ArtifactNames.request(owner));
        output.put("template", ArtifactNames.requestTemplate(owner));
        output.put("evidenceArtifact", evidence);
        return ActivityResult.completed(output, "requested " + attributes.size() + " attributes for "
                + sampleIds.size() + " samples from " + owner);
    }

    @Override
    public void compensate(ActivityContext context, ActivityResult completed) {
        String owner = Owner.of(context);
        String name = ArtifactNames.request(owner);
        Map<String, Object> request = new LinkedHashMap<>(Inputs.json(context, name, "SEND_DATA_REQUEST wrote it"));
        request.put("status", DataRequest.WITHDRAWN);
        request.put("withdrawnAt", Instant.now().toString());
        request.put("withdrawnReason", Voids.ROLLED_BACK);
        request.put("instructions", "This request was withdrawn: do not upload " + request.get("evidenceArtifact") + ".");
        Inputs.putJson(context, name, request);
        Voids.mark(context, List.of(ArtifactNames.requestTemplate(owner)), Voids.ROLLED_BACK);
        context.log().info("withdrew the data request {} sent to {}", name, owner);
    }
}
