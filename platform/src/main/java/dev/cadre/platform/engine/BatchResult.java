package dev.cadre.platform.engine;

import java.util.List;

/**
 * What a batch of a split fan-out reports back to its run.
 *
 * @param steps               every instance step it reached and how it ended (for a compensation: the
 *                            steps it undid)
 * @param failure             why an instance failed, or {@code null}
 * @param failedCompensations for a compensation: the steps whose compensation failed for good
 */
public record BatchResult(List<StepSummary> steps, String failure, List<String> failedCompensations) {
}
