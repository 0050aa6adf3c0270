package dev.cadre.platform.engine;

import java.util.Map;

/**
 * What starts a workflow.
 *
 * @param template    the template code
 * @param version     a template version, or {@code null} for the published one
 * @param businessKey what the run is about, for example {@code REPORT-2026-Q3}
 * @param parameters  JSON-compatible start parameters that expressions and handlers read
 */
public record WorkflowRequest(String template, Integer version, String businessKey, Map<String, Object> parameters) {

    /** Defaults parameters to empty. */
    public WorkflowRequest {
        parameters = parameters == null ? Map.of() : parameters;
    }
}
