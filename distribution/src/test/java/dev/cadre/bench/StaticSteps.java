package dev.cadre.bench;

import dev.cadre.platform.engine.JdbcRunRecords;
import dev.cadre.platform.engine.RunRecords;
import dev.cadre.platform.engine.StepKey;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.engine.StepChanges;
import dev.cadre.platform.engine.StepWrite;
import io.temporal.activity.Activity;
import java.util.Map;

/**
 * The static workflow's activities: the host's own {@link JdbcRunRecords} writes to the same PostgreSQL
 * as the engine's (the run's row under the benchmark cycle template, a step's row RUNNING, then
 * COMPLETED with its output and attempt, the current phase), around the no-op step's work.
 */
final class StaticSteps implements StaticCycle.Steps {

    private static final String SOURCE = "static";

    private final RunRecords records;
    private final String template;
    private final int version;

    /**
     * @param records  the run records, in the host's database
     * @param template the cycle template's code (its activity rows are what step rows point at)
     * @param version  its version
     */
    StaticSteps(RunRecords records, String template, int version) {
        this.records = records;
        this.template = template;
        this.version = version;
    }

    @Override
    public void started(String workflowId, String runId, String businessKey) {
        records.workflowStarted(new RunRecords.WorkflowStart(workflowId, runId, template, version, businessKey, BenchTemplates.CYCLE_PARAMETERS));
    }

    @Override
    public Map<String, Object> step(String workflowId, String phase, String code, String instance, String parentCode, String parentInstance) {
        if (phase != null) {
            records.recordSteps(workflowId, StepChanges.phase(phase));
        }
        StepKey key = new StepKey(code, instance);
        StepKey parent = parentCode == null ? null : new StepKey(parentCode, parentInstance);
        records.recordSteps(workflowId, StepChanges.of(StepWrite.status(key, parent, StepStatus.RUNNING)));
        Map<String, Object> output = NoOpStepHandler.OUTPUT;
        int attempt = Activity.getExecutionContext().getInfo().getAttempt();
        records.recordSteps(workflowId, StepChanges.of(StepWrite.status(key, parent, StepStatus.COMPLETED).withOutput(output)
                .withHandler(SOURCE, null, attempt)));
        return output;
    }

    @Override
    public void ended(String workflowId) {
        records.workflowEnded(workflowId, "COMPLETED", null);
    }
}
