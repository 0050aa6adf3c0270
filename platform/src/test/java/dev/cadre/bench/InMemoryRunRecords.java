package dev.cadre.bench;

import dev.cadre.platform.engine.RecordedStep;
import dev.cadre.platform.engine.RunRecords;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.engine.StepChanges;
import dev.cadre.platform.engine.StepWrite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Run records kept in memory: the benchmark's "without run-record writes" configuration. */
final class InMemoryRunRecords implements RunRecords {

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, RunInfo> runs = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> outputs = new ConcurrentHashMap<>();

    @Override
    public void workflowStarted(WorkflowStart start) {
        runs.computeIfAbsent(start.workflowId(), id -> new RunInfo(id, ids.incrementAndGet(), 0, start.template(), start.version(),
                start.businessKey(), start.parameters()));
    }

    @Override
    public void executionEnded(String workflowId, String executionId, long events) {
    }

    @Override
    public void workflowEnded(String workflowId, String status, String error) {
        RunInfo run = runs.remove(workflowId);
        if (run != null) {
            outputs.remove(run.id());
        }
    }

    @Override
    public void recordSteps(String workflowId, StepChanges changes) {
        changes.writes().forEach(write -> step(workflowId, write));
    }

    @SuppressWarnings("unchecked")
    private void step(String workflowId, StepWrite write) {
        RunInfo run = runs.get(workflowId);
        if (run != null && write.status() == StepStatus.COMPLETED && write.output() != null) {
            Map<String, Object> byCode = outputs.computeIfAbsent(run.id(), k -> new ConcurrentHashMap<>());
            String instance = write.step().instanceKey();
            if (instance.isEmpty()) {
                byCode.put(write.step().activityCode(), write.output());
            } else {
                ((Map<String, Object>) byCode.computeIfAbsent(write.step().activityCode(), k -> new ConcurrentHashMap<>()))
                        .put(instance, write.output());
            }
        }
    }

    @Override
    public List<RecordedStep> recordedSteps(String workflowId) {
        return List.of();
    }

    @Override
    public List<dev.cadre.plugin.api.RunStep> trail(long runId) {
        return List.of();
    }

    @Override
    public void taskEvent(String workflowId, dev.cadre.platform.engine.TaskEvent event) {
    }

    @Override
    public List<String> runningWorkflowIds() {
        return List.of();
    }

    @Override
    public Optional<RunStatus> status(String workflowId) {
        return Optional.empty();
    }

    @Override
    public boolean resumed(String workflowId, int templateVersion, String reason, java.time.Duration unlessResumedWithin) {
        return false;
    }

    @Override
    public Optional<RunInfo> run(String workflowId) {
        return Optional.ofNullable(runs.get(workflowId));
    }

    @Override
    public Map<String, Object> outputs(long runId) {
        return new LinkedHashMap<>(outputs.getOrDefault(runId, Map.of()));
    }
}
