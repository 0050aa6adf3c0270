package dev.cadre.platform.runs;

import java.time.Instant;

/**
 * When and why a run was continued from its records.
 *
 * @param resumedAt   when
 * @param fromStatus  the status it had
 * @param fromVersion the template version it had
 * @param toVersion   the version it continued on
 * @param reason      why
 */
public record Resumption(Instant resumedAt, String fromStatus, Integer fromVersion, Integer toVersion, String reason) {
}
