package dev.cadre.platform.engine;

import java.util.Map;

/**
 * How a step ended, as a batch of a split fan-out reports it to the run (and the run hands its earlier
 * steps to a batch): what dependencies, conditions, counts and compensation need, not the whole record.
 *
 * @param key     the step
 * @param status  its status
 * @param outcome a manual outcome, or {@code null}
 * @param output  its output when a later expression or condition may read it, else {@code null}
 * @param error   its error, or {@code null}
 */
public record StepSummary(StepKey key, StepStatus status, Outcome outcome, Map<String, Object> output, String error) {
}
