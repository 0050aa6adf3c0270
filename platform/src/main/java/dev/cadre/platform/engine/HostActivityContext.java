package dev.cadre.platform.engine;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ArtifactStore;
import dev.cadre.plugin.api.RunStep;
import dev.cadre.platform.persistence.Json;
import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.Template;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The host's {@link ActivityContext}: what one handler execution sees. Upstream outputs are read from
 * the run records on first use, so the Temporal payload carries only identifiers.
 */
final class HostActivityContext implements ActivityContext {

    private final RunRecords.RunInfo run;
    private final Template template;
    private final String phase;
    private final ActivityTemplate activity;
    private final ActivityInvocation invocation;
    private final RunRecords records;
    private final Artifacts artifacts;
    private final Json json;
    private final ActivityExecutionContext execution;
    private final Logger log;
    private int attempt = 1;
    private volatile Object lastHeartbeat;
    private Map<String, Object> outputs;
    private ArtifactStore artifactStore;

    HostActivityContext(RunRecords.RunInfo run, Template template, String phase, ActivityTemplate activity, ActivityInvocation invocation,
            RunRecords records, Artifacts artifacts, Json json, ActivityExecutionContext execution, Logger log) {
        this.run = run;
        this.template = template;
        this.phase = phase;
        this.activity = activity;
        this.invocation = invocation;
        this.records = records;
        this.artifacts = artifacts;
        this.json = json;
        this.execution = execution;
        this.log = log;
    }

    /** @return the details the handler last reported, for the host's own heartbeats */
    Object lastHeartbeat() {
        return lastHeartbeat;
    }

    void attempt(int handlerAttempt) {
        this.attempt = handlerAttempt;
    }

    @Override
    public String workflowId() {
        return run.workflowId();
    }

    @Override
    public String businessKey() {
        return run.businessKey();
    }

    @Override
    public String activityCode() {
        return activity.code();
    }

    @Override
    public String phase() {
        return phase;
    }

    @Override
    public String instanceKey() {
        return invocation.step().instanceKey();
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(run.parameters());
    }

    @Override
    public Map<String, Object> config() {
        return activity.config();
    }

    @Override
    public Optional<Object> instance() {
        return Optional.ofNullable(invocation.instance());
    }

    @Override
    public Optional<Map<String, Object>> output(String activityCode) {
        return VisibleOutputs.output(template, activity, instanceKey(), outputs(), activityCode);
    }

    @Override
    public Map<String, Object> outputs() {
        if (outputs == null) {
            outputs = Collections.unmodifiableMap(records.outputs(run.id()));
        }
        return outputs;
    }

    @Override
    public void heartbeat(Object details) {
        lastHeartbeat = details == null ? null : json.plain(details);
        execution.heartbeat(lastHeartbeat);
    }

    @Override
    public ArtifactStore artifacts() {
        if (artifactStore == null) {
            artifactStore = artifacts.store(run.id());
        }
        return artifactStore;
    }

    @Override
    public String templateCode() {
        return template.code();
    }

    @Override
    public int templateVersion() {
        return template.version();
    }

    @Override
    public List<RunStep> steps() {
        return records.trail(run.id());
    }

    @Override
    public Logger log() {
        return log;
    }

    /** Whether the code names a parallel activity of this instance's own fan-out. */
}
