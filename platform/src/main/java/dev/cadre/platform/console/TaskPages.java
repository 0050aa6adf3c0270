package dev.cadre.platform.console;

import dev.cadre.platform.engine.Artifacts;
import dev.cadre.platform.engine.Outcome;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.runs.RunRecordQueries;
import dev.cadre.platform.runs.TaskCompletion;
import dev.cadre.platform.runs.TaskForbiddenException;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.users.Principal;
import dev.cadre.plugin.api.Artifact;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * My tasks and the task page: what to review (upstream outputs, the run's artifacts), then approve,
 * reject or done with a comment, and the files an upload task takes. Completing goes through
 * {@link TaskCompletion}, the rule the REST endpoint uses.
 */
final class TaskPages {

    static final int INBOX_LIMIT = 200;
    static final int MAX_COMMENT = 10_000;

    private final CadreHost host;
    private final RunRecordQueries queries;
    private final TaskCompletion completion;
    private final Pages pages;

    TaskPages(CadreHost host, RunRecordQueries queries, TaskCompletion completion, Pages pages) {
        this.host = host;
        this.queries = queries;
        this.completion = completion;
        this.pages = pages;
    }

    /** A row of the inbox. */
    record InboxRow(String href, String name, String code, String type, String phase, String instance, String businessKey, String workflowId,
                    String role, String due, boolean overdue) {
    }

    /** Waiting tasks of my roles (an admin's: all), oldest due first; overdue ones marked. */
    void inbox(Visit visit) {
        Principal me = visit.principal();
        Instant now = Instant.now();
        List<InboxRow> rows = queries.tasks(StepStatus.WAITING, null, me.isAdmin() ? null : me.roles(), null, INBOX_LIMIT).stream()
                .map(t -> new InboxRow(Links.task((String) t.get("workflowId"), (String) t.get("activityCode"), (String) t.get("instanceId")),
                        (String) t.get("activityName"), (String) t.get("activityCode"), (String) t.get("activityType"), (String) t.get("phase"),
                        (String) t.get("instanceId"), (String) t.get("businessKey"), (String) t.get("workflowId"), (String) t.get("assigneeRole"),
                        Formats.time(t.get("dueAt")), t.get("dueAt") instanceof Instant due && due.isBefore(now)))
                .toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("tasks", rows);
        model.put("empty", rows.isEmpty());
        model.put("notice", visit.query("completed").map(code -> "Completed " + code + ".").orElse(""));
        pages.render(visit, 200, "inbox", "My tasks", model);
    }

    /** A task: what it asks, what to review, and the form to complete it when it waits for me. */
    void task(Visit visit) {
        Task task = find(visit);
        Principal me = visit.principal();
        boolean waiting = StepStatus.WAITING.name().equals(task.step().get("status"));
        boolean mayComplete = false;
        boolean override = false;
        if (waiting) {
            try {
                override = completion.authorize(me, task.workflowId(), task.code(), task.instance()).override();
                mayComplete = true;
            } catch (TaskForbiddenException e) {
                mayComplete = false;
            }
        }
        String type = (String) task.step().get("activity_type");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("workflowId", task.workflowId());
        model.put("runHref", Links.run(task.workflowId()));
        model.put("businessKey", task.run().get("businessKey"));
        model.put("name", task.step().get("activity_name"));
        model.put("code", task.code());
        model.put("type", type);
        model.put("phase", task.step().get("phase_name"));
        model.put("instance", task.instance());
        model.put("status", task.step().get("status"));
        model.put("role", Formats.text(task.step().get("assignee_role")));
        model.put("due", Formats.time(task.step().get("due_at")));
        model.put("overdue", waiting && task.step().get("due_at") instanceof Instant due && due.isBefore(Instant.now()));
        model.put("outcome", Formats.text(task.step().get("outcome")));
        model.put("completedBy", Formats.text(task.step().get("completed_by")));
        model.put("completedAt", Formats.time(task.step().get("completed_at")));
        model.put("comment", Formats.text(task.step().get("comment")));
        model.put("waiting", waiting);
        model.put("ended", !waiting);
        model.put("mayComplete", mayComplete);
        model.put("cannotComplete", waiting && !mayComplete);
        model.put("override", override);
        model.put("decides", "REVIEW".equals(type) || "APPROVAL".equals(type));
        model.put("action", Links.task(task.workflowId(), task.code(), task.instance()));
        List<TaskUploads.Slot> uploads = TaskUploads.of(task.code(), task.instance());
        model.put("uploads", uploads);
        model.put("multipart", !uploads.isEmpty());
        Template template = host.templates().find((String) task.run().get("template"), ((Number) task.run().get("version")).intValue())
                .orElseThrow(() -> ConsoleException.notFound("The run's template version is gone."));
        List<ReviewMaterial.Upstream> upstream = ReviewMaterial.of(template, task.code(), task.instance(), queries.outputs(task.runId()));
        model.put("upstream", upstream);
        model.put("noUpstream", upstream.isEmpty());
        List<WorkflowPages.ArtifactLink> artifacts = WorkflowPages.artifacts(host.artifacts(), task.workflowId(), task.runId());
        model.put("artifacts", artifacts);
        model.put("noArtifacts", artifacts.isEmpty());
        pages.render(visit, 200, "task", Formats.text(task.step().get("activity_name")), model);
    }

    /** Completes the task as the signed-in user, storing the files it takes first. */
    void complete(Visit visit) {
        Task task = find(visit);
        TaskCompletion.Permit permit = completion.authorize(visit.principal(), task.workflowId(), task.code(), task.instance());
        Form form = visit.form();
        Outcome outcome = outcome(form.text("outcome").orElse(""));
        String comment = form.text("comment").orElse(null);
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ConsoleException.badRequest("The comment may have at most " + MAX_COMMENT + " characters.");
        }
        Map<TaskUploads.Slot, String> stored = new LinkedHashMap<>();
        for (TaskUploads.Slot slot : TaskUploads.of(task.code(), task.instance())) {
            byte[] content = form.file(slot.input()).orElseThrow(() -> ConsoleException.badRequest("Choose the file: " + slot.label() + "."));
            stored.put(slot, store(visit, task.runId(), slot.artifact(), content));
        }
        completion.complete(permit, outcome, comment, stored.isEmpty() ? null : TaskUploads.data(stored));
        host.audit().recordCompletion(visit.actor(), permit, outcome);
        visit.redirect("/?completed=" + Links.encode(task.code()));
    }

    /** Stores an uploaded file; content already there stays unless an admin replaces it (as over REST). */
    private String store(Visit visit, long runId, String name, byte[] content) {
        Principal me = visit.principal();
        if (!Artifacts.isValidName(name)) {
            throw ConsoleException.badRequest("'" + name + "' cannot be an artifact name.");
        }
        String sha256 = Artifacts.sha256(content);
        Optional<Artifact> existing = host.artifacts().get(runId, name);
        if (existing.isPresent() && !existing.get().sha256().equals(sha256) && !me.isAdmin()) {
            throw new ConsoleException(409, "The run already has '" + name + "' with other content; only an admin can replace it.");
        }
        host.artifacts().put(runId, name, "text/csv", content);
        if (existing.isPresent() && !existing.get().sha256().equals(sha256)) {
            host.audit().record(visit.actor(), dev.cadre.platform.audit.AuditAction.ARTIFACT_REPLACE,
                    "workflow:" + visit.path("workflowId") + "/artifacts/" + name, Map.of("sha256", existing.get().sha256()),
                    Map.of("sha256", sha256, "size", content.length, "contentType", "text/csv"));
        }
        return sha256;
    }

    private static Outcome outcome(String raw) {
        try {
            return Outcome.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConsoleException.badRequest("Choose an outcome.");
        }
    }

    /** A task as the page needs it: the run's row, the step's row, where it is. */
    private record Task(String workflowId, String code, String instance, long runId, Map<String, Object> run, Map<String, Object> step) {
    }

    private Task find(Visit visit) {
        String workflowId = visit.path("workflowId");
        String code = visit.path("code");
        String instance = visit.query("instance").orElse("");
        Map<String, Object> run = queries.workflow(workflowId).orElseThrow(() -> ConsoleException.notFound("There is no workflow " + workflowId + "."));
        long runId = ((Number) run.get("id")).longValue();
        Map<String, Object> step = queries.steps(runId, ((Number) run.get("template_id")).longValue()).stream()
                .filter(s -> code.equals(s.get("activity_code")) && instance.equals(s.get("instance_id")) && Boolean.TRUE.equals(s.get("is_manual")))
                .findFirst()
                .orElseThrow(() -> ConsoleException.notFound("Workflow " + workflowId + " has no task " + code
                        + (instance.isEmpty() ? "" : " for " + instance) + "."));
        return new Task(workflowId, code, instance, runId, run, step);
    }
}
