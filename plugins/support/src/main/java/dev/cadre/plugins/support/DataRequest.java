package dev.cadre.plugins.support;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.Artifact;
import dev.cadre.plugin.api.ArtifactStore;
import java.util.List;
import java.util.Map;

/**
 * What was asked of a data owner, as stored in {@code requests/<owner>.json} by SEND_DATA_REQUEST and
 * read back when the owner's evidence is validated and tested. A request a rollback withdrew
 * ({@code "status": "WITHDRAWN"}) is refused with the non-retryable failure {@code Withdrawn}.
 *
 * @param owner        the data owner
 * @param keyAttribute the report key that identifies samples
 * @param attributes   the in-scope attributes requested, key excluded
 * @param sampleIds    the sample ids requested, sorted
 */
public record DataRequest(String owner, String keyAttribute, List<String> attributes, List<String> sampleIds) {

    /** The status of a request the owner should answer. */
    public static final String OPEN = "OPEN";
    /** The status of a request a rollback took back: the owner need not answer it. */
    public static final String WITHDRAWN = "WITHDRAWN";

    /** @return the request stored for the owner */
    public static DataRequest load(ActivityContext context, String owner) {
        String name = ArtifactNames.request(owner);
        return of(Inputs.json(context, name, "SEND_DATA_REQUEST writes it"), name, owner);
    }

    /**
     * The request as stored now, for a check outside a step (an upload check has no activity context).
     *
     * @param artifacts the run's artifacts
     * @return the request stored for the owner
     * @throws ActivityFailure {@code InvalidInput} when there is none yet, {@code Withdrawn} when withdrawn
     */
    public static DataRequest load(ArtifactStore artifacts, String owner) {
        String name = ArtifactNames.request(owner);
        Artifact artifact = artifacts.get(name).orElseThrow(() -> ActivityFailure.nonRetryable("InvalidInput",
                "artifact '" + name + "' not found (SEND_DATA_REQUEST writes it)"));
        return of(Values.asMap(Json.parse(name, artifact.text()), name), name, owner);
    }

    private static DataRequest of(Map<String, Object> json, String name, String owner) {
        if (WITHDRAWN.equals(json.get("status"))) {
            throw ActivityFailure.nonRetryable("Withdrawn", name + " was withdrawn at " + json.get("withdrawnAt")
                    + " (" + json.get("withdrawnReason") + "); SEND_DATA_REQUEST must run again");
        }
        return new DataRequest(owner, Values.requiredString(json, "keyAttribute", name),
                Values.strings(json, "attributes", name), Values.strings(json, "sampleIds", name));
    }
}
