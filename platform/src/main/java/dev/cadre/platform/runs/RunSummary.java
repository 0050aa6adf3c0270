package dev.cadre.platform.runs;

import java.time.Instant;

/**
 * A run as lists show it ({@code GET /api/workflows}, the console's workflow list), newest first.
 *
 * @param workflowId   the Temporal workflow id
 * @param runId        its first Temporal run id
 * @param template     template code
 * @param version      template version the run started on (or was migrated to)
 * @param businessKey  the business key it was started with
 * @param status       RUNNING, COMPLETED, FAILED or CANCELLED
 * @param currentPhase the phase it is in, or {@code null}
 * @param error        why it failed, or {@code null}
 * @param startedAt    when it started
 * @param completedAt  when it ended, or {@code null}
 */
public record RunSummary(String workflowId, String runId, String template, int version, String businessKey, String status,
                         String currentPhase, String error, Instant startedAt, Instant completedAt) {
}
