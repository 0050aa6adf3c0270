package dev.cadre.plugins.support;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Void markers: when a run is rolled back, a step's compensation marks the artifacts it produced void
 * by writing {@code <artifact>.void.json} beside each ({@code {"artifact", "void": true, "by", "reason",
 * "at"}}); the artifact itself is kept for the record. Every reader going through {@link Inputs}
 * refuses a void artifact with the non-retryable failure {@code Voided}. When the step runs again (the
 * run is resumed), it lifts the marker ({@code "void": false}) after writing its outputs anew.
 */
public final class Voids {

    /** The failure type of reading a void artifact. */
    public static final String VOIDED = "Voided";
    /** Why compensations void: the engine compensates when a later step failed or the run was cancelled. */
    public static final String ROLLED_BACK = "the run was rolled back: a later step failed or the run was cancelled";

    private Voids() {
    }

    /** @return the name of an artifact's void marker */
    public static String markerOf(String artifact) {
        return artifact + ".void.json";
    }

    /** Marks artifacts void, naming the step (and instance) that produced them and why. */
    public static void mark(ActivityContext context, List<String> artifacts, String reason) {
        for (String artifact : artifacts) {
            Inputs.putJson(context, markerOf(artifact), Json.object("artifact", artifact, "void", true,
                    "by", step(context), "reason", reason, "at", Instant.now().toString()));
        }
    }

    /** Lifts the void markers of artifacts the step has just written again; a no-op where there is none. */
    public static void lift(ActivityContext context, List<String> artifacts) {
        for (String artifact : artifacts) {
            if (marker(context, artifact).isPresent()) {
                Inputs.putJson(context, markerOf(artifact), Json.object("artifact", artifact, "void", false,
                        "by", step(context), "reason", "written again", "at", Instant.now().toString()));
            }
        }
    }

    /** @throws ActivityFailure {@code Voided} when the artifact is marked void */
    public static void check(ActivityContext context, String artifact) {
        marker(context, artifact).ifPresent(m -> {
            throw ActivityFailure.nonRetryable(VOIDED, "artifact '" + artifact + "' was voided by " + m.get("by")
                    + " at " + m.get("at") + " (" + m.get("reason") + "); run that step again to produce it anew");
        });
    }

    /** @return the marker of an artifact, when it is void */
    private static Optional<Map<String, Object>> marker(ActivityContext context, String artifact) {
        String name = markerOf(artifact);
        return context.artifacts().get(name)
                .map(a -> Values.asMap(Json.parse(name, a.text()), name))
                .filter(m -> Boolean.TRUE.equals(m.get("void")));
    }

    private static String step(ActivityContext context) {
        return context.activityCode() + (context.instanceKey().isEmpty() ? "" : "[" + context.instanceKey() + "]");
    }
}
