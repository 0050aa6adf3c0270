package dev.cadre.platform.templates;

import java.time.Duration;

/** The kind of a step; it fixes which outcomes a person may give and the default manual timeout. */
public enum ActivityType {
    /** Phase start marker (automated). */
    START,
    /** Work: automated, or a manual task completed with outcome DONE. */
    TASK,
    /** A person reviews: outcome APPROVED or REJECTED. */
    REVIEW,
    /** A person approves or signs off: outcome APPROVED or REJECTED. */
    APPROVAL,
    /** Phase end marker (automated). */
    COMPLETE;

    /** @return the outcomes a person may give a manual activity of this type: DONE for a task, APPROVED or REJECTED otherwise */
    public java.util.List<String> outcomes() {
        return this == TASK ? java.util.List.of("DONE") : java.util.List.of("APPROVED", "REJECTED");
    }

    /** @return how long a person has for a manual activity of this type (approval 48 h, others 24 h) */
    public Duration defaultManualTimeout() {
        return this == APPROVAL ? Duration.ofHours(48) : Duration.ofHours(24);
    }
}
