package dev.cadre.platform.engine;

/**
 * How a workflow ended successfully.
 *
 * @param status    always {@code COMPLETED}: failures and cancellations end the workflow with a failure
 * @param completed activities (or instances of them) that completed
 * @param skipped   activities whose condition was false
 */
public record WorkflowResult(String status, int completed, int skipped) {
}
