package dev.cadre.platform.runs;

import java.time.Instant;

/**
 * An earlier round of a step that was sent back for rework (or handed back after a failed check), as
 * it ended: kept in {@code workflow_activity_rounds} when the step started over.
 *
 * @param round       1, 2, ...
 * @param status      how that round ended (COMPLETED, FAILED, ...)
 * @param outcome     a manual step's outcome (REWORK when this step sent the work back), or {@code null}
 * @param completedBy who completed it, or {@code null}
 * @param comment     their comment, or {@code null}
 * @param reworkNote  why that round ran (from round 2 on), or {@code null}
 * @param lastError   its failure, or {@code null}
 * @param startedAt   when it started, or {@code null}
 * @param completedAt when it ended, or {@code null}
 */
public record Round(int round, String status, String outcome, String completedBy, String comment, String reworkNote, String lastError,
                    Instant startedAt, Instant completedAt) {
}
