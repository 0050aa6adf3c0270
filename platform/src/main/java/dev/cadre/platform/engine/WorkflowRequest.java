package dev.cadre.platform.engine;

import java.util.Map;

/**
 * What starts a workflow.
 *
 * @param template    the template code
 * @param version     a template version, or {@code null} for the published one
 * @param businessKey what the run is about, for example {@code REPORT-2026-Q3}
 * @param parameters  JSON-compatible start parameters that expressions and handlers read
 * @param resume      whether the run continues from its run records (a lost, failed, cancelled or
 *                    migrated run started again under the same workflow id)
 */
public record WorkflowRequest(String template, Integer version, String businessKey, Map<String, Object> parameters, boolean resume) {

    /**
     * A new run.
     *
     * @param template    the template code
     * @param version     a template version, or {@code null} for the published one
     * @param businessKey what the run is about
     * @param parameters  start parameters
     */
    public WorkflowRequest(String template, Integer version, String businessKey, Map<String, Object> parameters) {
        this(template, version, businessKey, parameters, false);
    }

    /** Defaults parameters to empty. */
    public WorkflowRequest {
        parameters = parameters == null ? Map.of() : parameters;
    }
}
