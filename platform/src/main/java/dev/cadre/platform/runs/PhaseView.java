package dev.cadre.platform.runs;

import java.util.List;

/**
 * A phase of a run.
 *
 * @param name          phase name
 * @param order         phase order
 * @param executionMode sequential or parallel
 * @param status        PENDING, RUNNING, COMPLETED, FAILED or CANCELLED
 * @param activities    its activities in sequence order
 */
public record PhaseView(String name, int order, String executionMode, String status, List<ActivityView> activities) {
}
