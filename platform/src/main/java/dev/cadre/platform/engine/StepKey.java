package dev.cadre.platform.engine;

/**
 * Identifies one execution of an activity in a run: its code and, for a parallel activity, the
 * fan-out instance key (empty otherwise). The run record's unique key is the same pair.
 *
 * @param activityCode the activity's code
 * @param instanceKey  the instance key, or empty
 */
public record StepKey(String activityCode, String instanceKey) {

    /** Normalises a missing instance key to empty. */
    public StepKey {
        instanceKey = instanceKey == null ? "" : instanceKey;
    }

    @Override
    public String toString() {
        return instanceKey.isEmpty() ? activityCode : activityCode + "[" + instanceKey + "]";
    }
}
