package dev.cadre.platform.runs;

import java.time.Instant;

/**
 * One run's record, with the internal keys the read side needs to go further (its steps, artifacts,
 * outputs). What the edges show of it is {@link RunDetail}.
 *
 * @param id             the run's internal id ({@code workflow_instances.id}): artifacts and outputs are kept under it
 * @param templateId     the internal id of its template version
 * @param summary        what lists show of it
 * @param parametersJson its start parameters, as JSON text
 * @param updatedAt      when its record last changed
 */
public record Run(long id, long templateId, RunSummary summary, String parametersJson, Instant updatedAt) {

    /** @return the Temporal workflow id */
    public String workflowId() {
        return summary.workflowId();
    }

    /** @return RUNNING, COMPLETED, FAILED or CANCELLED, as recorded */
    public String status() {
        return summary.status();
    }

    /** @return whether the records show it still running */
    public boolean running() {
        return "RUNNING".equals(summary.status());
    }
}
