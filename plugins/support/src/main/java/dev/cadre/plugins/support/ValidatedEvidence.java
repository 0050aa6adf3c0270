package dev.cadre.plugins.support;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.Artifact;
import java.util.Map;

/**
 * An owner's evidence as VALIDATE_DATA_UPLOAD validated it. Every handler after validation reads the
 * evidence through {@link #read}, which re-computes the file's SHA-256 and compares it with the one
 * validation recorded: tests never run on evidence nobody validated.
 */
public final class ValidatedEvidence {

    /** The step that validates an owner's evidence (one instance per owner). */
    public static final String VALIDATION = "VALIDATE_DATA_UPLOAD";

    /** The failure type of evidence that changed (or vanished) after validation: not retryable. */
    public static final String CHANGED = "EvidenceChanged";

    private ValidatedEvidence() {
    }

    /**
     * @param owner the data owner (the validation's instance key)
     * @return the validation's output for that owner
     * @throws ActivityFailure {@code InvalidInput} when the owner's evidence was not validated
     */
    public static Map<String, Object> validation(ActivityContext context, String owner) {
        Map<String, Object> validation = Inputs.instances(context, VALIDATION).get(owner);
        if (validation == null) {
            throw ActivityFailure.nonRetryable("InvalidInput", "no " + VALIDATION + " output for owner '" + owner
                    + "': " + context.activityCode() + " needs validated evidence");
        }
        return validation;
    }

    /**
     * @param owner the data owner
     * @return the evidence file, unchanged since it was validated
     * @throws ActivityFailure {@code EvidenceChanged} naming the file, the recorded and the found SHA-256
     *                         and the step that validated it, when the file changed or is gone
     */
    public static Artifact read(ActivityContext context, String owner) {
        Map<String, Object> validation = validation(context, owner);
        String step = VALIDATION + "[" + owner + "]";
        String name = Values.requiredString(validation, "artifact", step + " output");
        String expected = Values.requiredString(validation, "sha256", step + " output");
        Artifact artifact = context.artifacts().get(name).orElseThrow(() -> ActivityFailure.nonRetryable(CHANGED,
                "evidence " + name + " is gone: " + step + " validated it with sha256 " + expected));
        String found = Hashing.sha256Hex(artifact.content());
        if (!found.equals(expected)) {
            throw ActivityFailure.nonRetryable(CHANGED, "evidence " + name + " changed after " + step + " validated it:"
                    + " expected sha256 " + expected + ", found " + found + "; " + context.activityCode()
                    + " will not run on evidence nobody validated (validate the new file again)");
        }
        return artifact;
    }
}
