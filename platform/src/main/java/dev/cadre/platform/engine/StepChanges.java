package dev.cadre.platform.engine;

import java.util.List;

/**
 * Step-state changes the workflow decided, applied in order in one transaction by
 * {@link RunRecords#recordSteps}: the one way step state reaches {@code workflow_activities}. The
 * workflow hands them to a local activity, or to the next handler activity, which applies them before
 * its handler runs so they cost no round trip of their own. Idempotent: applied twice, they change nothing more.
 *
 * @param phase  a phase the run entered, recorded as its current one first, or {@code null}
 * @param writes the steps' state changes, in order
 */
public record StepChanges(String phase, List<StepWrite> writes) {

    /** No change. */
    public static final StepChanges NONE = new StepChanges(null, List.of());

    /** Copies the list. */
    public StepChanges {
        writes = writes == null ? List.of() : List.copyOf(writes);
    }

    /** @param write one change @return the changes holding only it */
    public static StepChanges of(StepWrite write) {
        return new StepChanges(null, List.of(write));
    }

    /** @param phase the phase entered @return the changes recording only it */
    public static StepChanges phase(String phase) {
        return new StepChanges(phase, List.of());
    }

    /** @return whether there is nothing to apply */
    public boolean nothingToApply() {
        return phase == null && writes.isEmpty();
    }
}
