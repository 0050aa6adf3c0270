package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityType;
import java.util.Set;

/** How a person completed a manual activity. */
public enum Outcome {
    /** The review or approval passed. */
    APPROVED,
    /** The review or approval failed; fails the phase unless the activity's config says otherwise. */
    REJECTED,
    /** A manual task was done. */
    DONE,
    /**
     * The review or approval sends the work back (with a comment): the steps from the template's
     * {@code config.onReject.reworkFrom} run again as the next round. Only for steps that declare it.
     */
    REWORK;

    /**
     * @param type a manual activity's type
     * @return the outcomes a person may give it
     */
    public static Set<Outcome> allowedFor(ActivityType type) {
        return type.outcomes().stream().map(Outcome::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
