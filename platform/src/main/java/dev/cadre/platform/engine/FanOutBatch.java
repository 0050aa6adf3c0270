package dev.cadre.platform.engine;

import dev.cadre.platform.templates.Template;
import java.util.List;
import java.util.Map;

/**
 * One batch of a split fan-out: some of a parallel phase's instances, run by a child workflow of the
 * run so that no history holds more than a few thousand events. It stays small (no start parameters:
 * a batch whose steps have conditions reads them from the records), as the run starts many at once.
 *
 * @param workflowId  the run's workflow id (its records' key; the batch writes its steps there)
 * @param businessKey the run's business key, for task notices
 * @param template    the run's template snapshot
 * @param phase       the parallel phase's name
 * @param instances   instance key -> fan-out element, in launch order
 * @param parallelism how many of these instances may run at once (the batch's share of {@code maxParallelism})
 * @param phaseStart  the step before the instances (the phase's START), or {@code null}
 * @param upstream    the run's earlier steps the instances' dependencies and conditions read
 * @param keepOutputs parallel activities whose outputs later expressions read, reported back with the results
 * @param resume      whether the run continues from its records: the instances' recorded steps are taken over
 * @param undo        whether this is the batch's compensation: its completed automated steps, as the
 *                    records show them, are undone, most recently started first
 */
public record FanOutBatch(String workflowId, String businessKey, Template template, String phase,
        Map<String, Object> instances, int parallelism, StepKey phaseStart, List<StepSummary> upstream, List<String> keepOutputs,
        boolean resume, boolean undo) {

    /** @return the same batch's compensation */
    FanOutBatch undoing() {
        return new FanOutBatch(workflowId, businessKey, template, phase, instances, parallelism, phaseStart, List.of(),
                keepOutputs, false, true);
    }
}
