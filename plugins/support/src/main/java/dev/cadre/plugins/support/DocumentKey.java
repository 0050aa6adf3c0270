package dev.cadre.plugins.support;

import dev.cadre.plugin.api.ActivityFailure;
import java.util.regex.Pattern;

/**
 * A piece of evidence, {@code <owner>/<document>}: globally unique across owners, so it can serve as
 * the instance key of the per-document phases and as part of artifact names.
 *
 * @param owner    the data owner who supplied it
 * @param document the document name within that owner's upload
 */
public record DocumentKey(String owner, String document) {

    /** Letters, digits, {@code . _ -}: safe in instance keys and artifact names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,80}");

    /** Checks both parts are valid names. */
    public DocumentKey {
        if (!NAME.matcher(owner).matches() || !NAME.matcher(document).matches()) {
            throw ActivityFailure.nonRetryable("InvalidInput", "invalid document key '" + owner + "/" + document
                    + "': owner and document must be 1-80 letters, digits, '.', '_' or '-'");
        }
    }

    /**
     * @param key {@code <owner>/<document>}, for example an instance key
     * @return the document key
     */
    public static DocumentKey parse(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            throw ActivityFailure.nonRetryable("InvalidInput",
                    "document key '" + key + "' is not of the form <owner>/<document>");
        }
        return new DocumentKey(key.substring(0, slash), key.substring(slash + 1));
    }

    @Override
    public String toString() {
        return owner + "/" + document;
    }
}
