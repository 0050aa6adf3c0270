package dev.cadre.platform.console;

import dev.cadre.platform.runs.ArtifactService;
import dev.cadre.platform.runs.Run;
import dev.cadre.platform.runs.Runs;
import dev.cadre.platform.runs.StepRow;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a finished step did, the target of the run page's "what was done" links: its status and times,
 * who decided and what they wrote, its recorded output, and the run's artifacts its output names.
 */
final class StepPage {

    private final Runs runs;
    private final ArtifactService artifacts;
    private final Pages pages;

    StepPage(Runs runs, ArtifactService artifacts, Pages pages) {
        this.runs = runs;
        this.artifacts = artifacts;
        this.pages = pages;
    }

    /** @return the link to a step's page */
    static String href(String workflowId, String code, String instance) {
        return Links.run(workflowId) + "/steps/" + Links.encode(code) + (instance == null || instance.isEmpty() ? "" : "?instance=" + Links.encode(instance));
    }

    void show(Visit visit) {
        String workflowId = visit.path("id");
        String code = visit.path("code");
        String instance = visit.query("instance").orElse("");
        Run run = runs.find(workflowId).orElseThrow(() -> ConsoleException.notFound("There is no workflow " + workflowId + "."));
        StepRow step = runs.steps(run).stream().filter(s -> code.equals(s.code()) && instance.equals(s.instanceId())).findFirst()
                .orElseThrow(() -> ConsoleException.notFound("Workflow " + workflowId + " has no record of step " + code
                        + (instance.isEmpty() ? "" : " for " + instance) + "."));
        Object output = OutputArtifacts.ofInstance(runs.outputs(run.id()).get(code), instance);
        Set<String> named = new LinkedHashSet<>();
        OutputArtifacts.strings(output, named);
        List<WorkflowPages.ArtifactLink> links = WorkflowPages.artifacts(artifacts, workflowId).stream().filter(a -> named.contains(a.name())).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("workflowId", workflowId);
        model.put("runHref", Links.run(workflowId));
        model.put("businessKey", Formats.text(run.summary().businessKey()));
        model.put("name", step.name());
        model.put("code", code);
        model.put("phase", step.phase());
        model.put("instance", instance);
        model.put("status", step.status());
        model.put("started", Formats.time(step.startedAt()));
        model.put("completed", Formats.time(step.completedAt()));
        model.put("duration", Formats.between(step.startedAt(), step.completedAt()));
        model.put("outcome", Formats.text(step.outcome()));
        model.put("completedBy", Formats.text(step.completedBy()));
        model.put("comment", Formats.text(step.comment()));
        model.put("lastError", Formats.text(step.lastError()));
        model.put("taskHref", step.manual() ? Links.task(workflowId, code, instance) : "");
        model.put("hasOutput", output != null);
        model.put("output", ValueView.of(output));
        model.put("artifacts", links);
        model.put("hasArtifacts", !links.isEmpty());
        pages.render(visit, 200, "step", step.name() + (instance.isEmpty() ? "" : " · " + instance), model);
    }
}
