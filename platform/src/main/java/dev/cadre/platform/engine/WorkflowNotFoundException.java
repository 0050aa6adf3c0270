package dev.cadre.platform.engine;

/** No workflow of that id is known to Temporal. */
public class WorkflowNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String workflowId;

    /** @param workflowId the id asked for */
    public WorkflowNotFoundException(String workflowId) {
        super("no workflow " + workflowId);
        this.workflowId = workflowId;
    }

    /** @return the id asked for */
    public String workflowId() {
        return workflowId;
    }
}
