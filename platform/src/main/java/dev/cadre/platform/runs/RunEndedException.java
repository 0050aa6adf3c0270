package dev.cadre.platform.runs;

/** An operation needs a running run, and this one has ended. */
public final class RunEndedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;
    private final String status;

    /**
     * @param workflowId the run
     * @param status     how it ended
     */
    public RunEndedException(String workflowId, String status) {
        super("workflow " + workflowId + " has already ended " + status);
        this.workflowId = workflowId;
        this.status = status;
    }

    /** @return the run */
    public String workflowId() {
        return workflowId;
    }

    /** @return COMPLETED, FAILED or CANCELLED */
    public String status() {
        return status;
    }
}
