package dev.cadre.platform.engine;

import dev.cadre.platform.templates.Template;
import io.temporal.failure.ApplicationFailure;

/** Implements the workflow's bookkeeping over {@link RunRecords} and the template catalog. */
public final class EngineRecordsImpl implements EngineRecords {

    private final TemplateCatalog templates;
    private final RunRecords records;
    private final ParameterFiles files;

    /**
     * @param templates where templates are loaded from
     * @param records   the run records
     * @param files     the parameter files fan-outs read, or {@code null} where there are none (a simulation)
     */
    public EngineRecordsImpl(TemplateCatalog templates, RunRecords records, ParameterFiles files) {
        this.templates = templates;
        this.records = records;
        this.files = files;
    }

    @Override
    public Template loadTemplate(String code, Integer version) {
        return templates.find(code, version).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                version == null ? "template '" + code + "' has no published version" : "template '" + code + "' has no version " + version,
                StepFailures.TEMPLATE_NOT_FOUND));
    }

    @Override
    public void workflowStarted(RunRecords.WorkflowStart start) {
        records.workflowStarted(start);
    }

    @Override
    public java.util.Map<String, Object> parameters(String workflowId) {
        return records.run(workflowId).map(RunRecords.RunInfo::parameters)
                .orElseThrow(() -> io.temporal.failure.ApplicationFailure.newNonRetryableFailure("no run record for " + workflowId, StepFailures.RUN_NOT_FOUND));
    }

    @Override
    public java.util.List<RecordedStep> recordedInstanceSteps(String workflowId, java.util.List<String> instanceKeys) {
        return records.recordedSteps(workflowId, instanceKeys);
    }

    @Override
    public java.util.List<Object> parameterFileElements(String fileId, int offset, int limit) {
        if (files == null) {
            throw ApplicationFailure.newNonRetryableFailure("parameter file " + fileId + " cannot be read here", StepFailures.PARAMETER_FILE_NOT_FOUND);
        }
        try {
            return files.elements(fileId, offset, limit);
        } catch (ParameterFileException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), StepFailures.PARAMETER_FILE_NOT_FOUND);
        }
    }

    @Override
    public void recordSteps(String workflowId, StepChanges changes) {
        records.recordSteps(workflowId, changes);
    }

    @Override
    public void taskEvent(String workflowId, TaskEvent event) {
        records.taskEvent(workflowId, event);
    }

    @Override
    public void executionEnded(String workflowId, String executionId, long events) {
        records.executionEnded(workflowId, executionId, events);
    }

    @Override
    public void workflowEnded(String workflowId, String status, String error) {
        records.workflowEnded(workflowId, status, error);
    }
}
