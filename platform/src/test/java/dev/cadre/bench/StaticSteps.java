package dev.cadre.bench;

import dev.cadre.platform.engine.RunRecords;
import dev.cadre.platform.engine.StepKey;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.engine.StepChanges;
import dev.cadre.platform.engine.StepWrite;
import java.util.Map;

/** The static workflow's activities: the same work, and (when given records) the same run-record writes as the engine. */
final class StaticSteps implements StaticCycleWorkflow.Steps {

    private final RunRecords records;

    StaticSteps(RunRecords records) {
        this.records = records;
    }

    @Override
    public void started(String workflowId, String businessKey) {
        if (records != null) {
            records.workflowStarted(new RunRecords.WorkflowStart(workflowId, "static", BenchTemplate.CODE, 1, businessKey, BenchTemplate.PARAMETERS));
        }
    }

    @Override
    public Map<String, Object> step(String workflowId, String code, String instance) {
        Map<String, Object> output = BenchWorkHandler.work(code, instance);
        if (records != null) {
            StepKey key = new StepKey(code, instance);
            records.run(workflowId);
            records.recordSteps(workflowId, StepChanges.of(StepWrite.status(key, null, StepStatus.RUNNING)));
            records.recordSteps(workflowId, StepChanges.of(StepWrite.status(key, null, StepStatus.COMPLETED).withOutput(output)));
        }
        return output;
    }

    @Override
    public void ended(String workflowId) {
        if (records != null) {
            records.workflowEnded(workflowId, "COMPLETED", null);
        }
    }
}
