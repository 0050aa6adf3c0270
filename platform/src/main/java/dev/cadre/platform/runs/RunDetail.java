package dev.cadre.platform.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.cadre.platform.engine.Workflows;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run with its phases, activities and instances ({@code GET /api/workflows/{id}}, the console's run
 * page). A run Temporal knows but whose first record is not written yet has only the live fields; the
 * record's own fields are then left out.
 *
 * @param workflowId   the Temporal workflow id
 * @param runId        its first Temporal run id (recorded runs only)
 * @param template     template code
 * @param version      template version
 * @param businessKey  business key (recorded runs only)
 * @param parameters   start parameters (recorded runs only)
 * @param status       the live status when Temporal still has the run, else the recorded one
 * @param currentPhase the phase it is in, or {@code null}
 * @param error        why it failed, or {@code null}
 * @param live         whether Temporal's live view is part of it
 * @param startedAt    when it started (recorded runs only)
 * @param completedAt  when it ended, or {@code null}
 * @param resumptions  when and why it was continued from its records (recorded runs only)
 * @param taskEvents   deadline steps that fired (REST only)
 * @param history      Temporal's history counts, or {@code null}
 * @param phases       its phases in order
 */
public record RunDetail(String workflowId, @JsonInclude(Include.NON_NULL) String runId, String template, int version,
                        @JsonInclude(Include.NON_NULL) String businessKey, @JsonInclude(Include.NON_NULL) Map<String, Object> parameters,
                        String status, String currentPhase, String error, boolean live, @JsonInclude(Include.NON_NULL) Instant startedAt,
                        Instant completedAt, @JsonInclude(Include.NON_NULL) List<Resumption> resumptions,
                        @JsonInclude(Include.NON_NULL) List<TaskEvent> taskEvents, Workflows.History history, List<PhaseView> phases) {

    /** @return the same detail with the task events and history counts that REST adds */
    public RunDetail withTaskEvents(List<TaskEvent> events, Workflows.History counts) {
        return new RunDetail(workflowId, runId, template, version, businessKey, parameters, status, currentPhase, error, live, startedAt,
                completedAt, resumptions, events, counts, phases);
    }

    /** @return whether it is still running (as far as anyone knows) */
    public boolean running() {
        return "RUNNING".equals(status);
    }
}
