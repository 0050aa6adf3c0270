package dev.cadre.plugins.evidence;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugins.support.DocumentKey;
import dev.cadre.plugins.support.Inputs;

/** The data owner a phase-6 instance runs for: its instance key. */
final class Owner {

    private Owner() {
    }

    static String of(ActivityContext context) {
        return of(Inputs.instanceKey(context));
    }

    static String of(String owner) {
        if (!DocumentKey.NAME.matcher(owner).matches()) {
            throw ActivityFailure.nonRetryable("InvalidInput", "data owner '" + owner
                    + "' must be 1-80 letters, digits, '.', '_' or '-' (it names artifacts)");
        }
        return owner;
    }
}
