package dev.cadre.platform.engine;

import java.util.List;

/** A resume or migration that cannot be done safely, with every reason. */
public final class RecoveryRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;
    private final List<String> reasons;

    /**
     * @param workflowId the run
     * @param reasons    why, one entry per problem
     */
    public RecoveryRefusedException(String workflowId, List<String> reasons) {
        super("workflow " + workflowId + ": " + String.join("; ", reasons));
        this.workflowId = workflowId;
        this.reasons = List.copyOf(reasons);
    }

    /** @return the run */
    public String workflowId() {
        return workflowId;
    }

    /** @return every reason */
    public List<String> reasons() {
        return reasons;
    }
}
