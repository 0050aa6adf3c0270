package dev.cadre.platform.engine;

/** The workflow refused a completion: the activity is not waiting, unknown, or the outcome does not fit. */
public class CompletionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;

    /**
     * @param workflowId the workflow
     * @param reason     the workflow's reason, for the person who tried
     */
    public CompletionRefusedException(String workflowId, String reason) {
        super(reason);
        this.workflowId = workflowId;
    }

    /** @return the workflow */
    public String workflowId() {
        return workflowId;
    }
}
