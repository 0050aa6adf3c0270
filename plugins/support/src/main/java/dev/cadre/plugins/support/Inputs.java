package dev.cadre.plugins.support;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.Artifact;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing a handler's artifacts and upstream outputs, failing with a message that says
 * what is missing and who should have produced it.
 */
public final class Inputs {

    private Inputs() {
    }

    /**
     * @param producer who should have stored it, for the message (for example "upload it before ...")
     * @return the artifact
     * @throws ActivityFailure {@code InvalidInput} when the run has no artifact of that name,
     *                         {@code Voided} when a rollback marked it void ({@link Voids})
     */
    public static Artifact artifact(ActivityContext context, String name, String producer) {
        Artifact artifact = context.artifacts().get(name).orElseThrow(() -> ActivityFailure.nonRetryable("InvalidInput",
                "artifact '" + name + "' not found (" + producer + "); the run has " + context.artifacts().list()));
        Voids.check(context, name);
        return artifact;
    }

    /** @return the artifact parsed as CSV */
    public static CsvTable csv(ActivityContext context, String name, String producer) {
        return Csv.parse(name, artifact(context, name, producer).text());
    }

    /** @return the artifact parsed as a JSON object */
    public static Map<String, Object> json(ActivityContext context, String name, String producer) {
        return Values.asMap(Json.parse(name, artifact(context, name, producer).text()), name);
    }

    /** Stores UTF-8 text. @return the stored artifact (with its SHA-256) */
    public static Artifact putText(ActivityContext context, String name, String contentType, String text) {
        return context.artifacts().put(name, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Stores an object as JSON. @return the stored artifact */
    public static Artifact putJson(ActivityContext context, String name, Object value) {
        return putText(context, name, "application/json", Json.write(value));
    }

    /** Stores a CSV table (cells neutralised, see {@link FormulaGuard}). @return the stored artifact */
    public static Artifact putCsv(ActivityContext context, String name, List<String> header, List<? extends List<String>> rows) {
        return putText(context, name, "text/csv", Csv.write(header, rows));
    }

    /**
     * @return the output of a sequential upstream activity
     * @throws ActivityFailure {@code InvalidInput} when it has none (not run, skipped)
     */
    public static Map<String, Object> output(ActivityContext context, String activityCode) {
        return context.output(activityCode).orElseThrow(() -> ActivityFailure.nonRetryable("InvalidInput",
                "no output from " + activityCode + ": it must complete before " + context.activityCode()));
    }

    /**
     * The outputs of every instance of a parallel upstream activity (of this or another fan-out).
     *
     * @return instance key to output; empty when the activity has no instances
     */
    public static Map<String, Map<String, Object>> instances(ActivityContext context, String activityCode) {
        Object all = context.outputs().get(activityCode);
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        if (all instanceof Map<?, ?> map) {
            map.forEach((k, v) -> byKey.put(String.valueOf(k), Values.asMap(v, activityCode + "[" + k + "]")));
        }
        return byKey;
    }

    /**
     * The output of the instance with this context's instance key of a parallel upstream activity,
     * whether it belongs to this fan-out ({@code output(code)}) or to an earlier fan-out over the same
     * keys (read from {@code outputs()}).
     */
    public static Map<String, Object> sameKeyOutput(ActivityContext context, String activityCode) {
        return context.output(activityCode).orElseGet(() -> {
            Map<String, Object> own = instances(context, activityCode).get(context.instanceKey());
            if (own == null) {
                throw ActivityFailure.nonRetryable("InvalidInput", "no output from " + activityCode
                        + " for instance '" + context.instanceKey() + "'");
            }
            return own;
        });
    }

    /**
     * @return the instance key, required: the handler runs once per fan-out element
     * @throws ActivityFailure {@code InvalidInput} when the activity is not a parallel instance
     */
    public static String instanceKey(ActivityContext context) {
        String key = context.instanceKey();
        if (key == null || key.isBlank()) {
            throw ActivityFailure.nonRetryable("InvalidInput", context.activityCode()
                    + " runs once per fan-out element, but has no instance key");
        }
        return key;
    }
}
