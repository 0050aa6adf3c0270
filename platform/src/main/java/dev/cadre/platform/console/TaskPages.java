package dev.cadre.platform.console;

import dev.cadre.platform.audit.AuditLog;

import dev.cadre.platform.engine.Outcome;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.runs.ArtifactService;
import dev.cadre.platform.runs.Run;
import dev.cadre.platform.runs.Runs;
import dev.cadre.platform.runs.StepRow;
import dev.cadre.platform.runs.TaskCompletion;
import dev.cadre.platform.runs.TaskForbiddenException;
import dev.cadre.platform.templates.TaskForm;
import dev.cadre.platform.runs.TaskView;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.users.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * My tasks and the task page: what to review (upstream outputs, the run's artifacts), the task's form
 * (declared in its template, {@link TaskForm}), then approve, reject or done with a comment. Completing
 * goes through {@link TaskCompletion} and files through {@link ArtifactService}: the rules the REST
 * endpoint uses. Who may complete the task is checked before the posted body is read.
 */
final class TaskPages {

    static final int INBOX_LIMIT = 200;
    static final int MAX_COMMENT = 10_000;

    private final Runs runs;
    private final TaskCompletion completion;
    private final ArtifactService artifacts;
    private final Pages pages;
    private final AuditLog audit;

    TaskPages(Runs runs, TaskCompletion completion, ArtifactService artifacts, AuditLog audit, Pages pages) {
        this.audit = audit;
        this.runs = runs;
        this.completion = completion;
        this.artifacts = artifacts;
        this.pages = pages;
    }

    /** A row of the inbox. */
    record InboxRow(String href, String name, String code, String type, String phase, String instance, String businessKey, String workflowId,
                    String role, String due, boolean overdue) {
    }

    /** Waiting tasks of my roles not assigned to someone else (an admin's: all), oldest due first; overdue ones marked. */
    void inbox(Visit visit) {
        Principal me = visit.principal();
        Instant now = Instant.now();
        List<TaskView> waiting = runs.tasks(StepStatus.WAITING, null, me.isAdmin() ? null : me.roles(), me.isAdmin() ? null : me.username(),
                null, INBOX_LIMIT);
        List<InboxRow> rows = waiting.stream()
                .map(t -> new InboxRow(Links.task(t.workflowId(), t.activityCode(), t.instanceId()), t.activityName(), t.activityCode(),
                        t.activityType(), t.phase(), t.instanceId(), t.businessKey(), t.workflowId(), t.assigneeRole(), Formats.time(t.dueAt()),
                        t.overdue(now)))
                .toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("tasks", rows);
        model.put("empty", rows.isEmpty());
        model.put("notice", visit.query("completed").map(code -> "Completed " + code + ".").orElse(""));
        pages.render(visit, 200, "inbox", "My tasks", model);
    }

    /** A task: what it asks, what to review, and its form when it waits for me. */
    void task(Visit visit) {
        Task task = find(visit);
        Principal me = visit.principal();
        StepRow step = task.step();
        boolean waiting = StepStatus.WAITING.name().equals(step.status());
        Optional<TaskCompletion.Permit> permit = Optional.empty();
        if (waiting) {
            try {
                permit = Optional.of(completion.authorize(me, task.workflowId(), task.code(), task.instance()));
            } catch (TaskForbiddenException e) {
                permit = Optional.empty();
            }
        }
        Template template = runs.template(task.run()).orElseThrow(() -> ConsoleException.notFound("The run's template version is gone."));
        Optional<TaskForm> form = permit.flatMap(p -> artifacts.form(p.task()));
        List<TaskFields.View> fields = form.map(f -> TaskFields.views(f, task.instance())).orElse(List.of());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("workflowId", task.workflowId());
        model.put("runHref", Links.run(task.workflowId()));
        model.put("businessKey", task.run().summary().businessKey());
        model.put("name", step.name());
        model.put("code", task.code());
        model.put("type", step.type());
        model.put("phase", step.phase());
        model.put("instance", task.instance());
        model.put("status", step.status());
        model.put("role", Formats.text(step.assigneeRole()));
        model.put("due", Formats.time(step.dueAt()));
        model.put("overdue", waiting && step.dueAt() != null && step.dueAt().isBefore(Instant.now()));
        model.put("outcome", Formats.text(step.outcome()));
        model.put("completedBy", Formats.text(step.completedBy()));
        model.put("completedAt", Formats.time(step.completedAt()));
        model.put("comment", Formats.text(step.comment()));
        model.put("waiting", waiting);
        model.put("ended", !waiting);
        model.put("mayComplete", permit.isPresent());
        model.put("cannotComplete", waiting && permit.isEmpty());
        model.put("override", permit.map(TaskCompletion.Permit::override).orElse(false));
        model.put("decides", "REVIEW".equals(step.type()) || "APPROVAL".equals(step.type()));
        model.put("action", Links.task(task.workflowId(), task.code(), task.instance()));
        model.put("fields", fields);
        boolean multipart = fields.stream().anyMatch(TaskFields.View::isFile);
        model.put("multipart", multipart);
        // a multipart body is read only after its sender is checked: its CSRF token travels in the URL
        model.put("postTo", multipart ? Links.withCsrf(Links.task(task.workflowId(), task.code(), task.instance()),
                visit.session().map(Sessions.Session::csrf).orElse("")) : "");
        List<ReviewMaterial.Upstream> upstream = ReviewMaterial.of(template, task.code(), task.instance(), runs.outputs(task.run().id()));
        model.put("upstream", upstream);
        model.put("noUpstream", upstream.isEmpty());
        List<WorkflowPages.ArtifactLink> links = WorkflowPages.artifacts(artifacts, task.workflowId());
        model.put("artifacts", links);
        model.put("noArtifacts", links.isEmpty());
        pages.render(visit, 200, "task", Formats.text(step.name()), model);
    }

    /**
     * Completes the task as the signed-in user. Whether it is theirs is checked before the posted body is
     * read; then the files its form takes are stored, as over REST, and the rest of the form goes with the
     * completion, checked against the form.
     */
    void complete(Visit visit) {
        Task task = find(visit);
        TaskCompletion.Permit permit = completion.authorize(visit.principal(), task.workflowId(), task.code(), task.instance());
        Form form = visit.form();
        Outcome outcome = outcome(form.text("outcome").orElse(""));
        String comment = form.text("comment").orElse(null);
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ConsoleException.badRequest("The comment may have at most " + MAX_COMMENT + " characters.");
        }
        Optional<TaskForm> taskForm = artifacts.form(permit.task());
        Map<String, Object> data = taskForm.map(f -> TaskFields.data(f, form)).orElse(null);
        for (TaskForm.Field file : taskForm.map(TaskForm::files).orElse(List.of())) {
            Optional<Form.Spilled> upload = form.spilled(TaskFields.PREFIX + file.name());
            if (upload.isEmpty()) {
                continue; // the completion says whether a required file is missing (it may have come over REST)
            }
            String name = file.artifactFor(task.instance());
            // other content there stays unless an admin replaces it, and even then not once a step relied on it: as over REST
            ArtifactService.Permit write = artifacts.permit(visit.principal(), task.workflowId(), name, visit.principal().isAdmin());
            ArtifactService.Stored stored;
            try (Form.Spilled spilled = upload.get()) {
                stored = artifacts.store(write, spilled.contentType(), spilled.content());
            }
            if (stored.replaced()) {
                audit.record(visit.actor(), dev.cadre.platform.audit.AuditAction.ARTIFACT_REPLACE,
                        "workflow:" + task.workflowId() + "/artifacts/" + name, Map.of("sha256", stored.replacedSha256()),
                        Map.of("sha256", stored.sha256(), "size", stored.size(), "contentType", stored.contentType()));
            }
            data.put(file.name(), stored.sha256());
        }
        completion.complete(permit, outcome, comment, data);
        audit.recordCompletion(visit.actor(), permit, outcome);
        visit.redirect("/?completed=" + Links.encode(task.code()));
    }

    private static Outcome outcome(String raw) {
        try {
            return Outcome.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConsoleException.badRequest("Choose an outcome.");
        }
    }

    /** A task as the page needs it: the run, the step, where it is. */
    private record Task(String workflowId, String code, String instance, Run run, StepRow step) {
    }

    private Task find(Visit visit) {
        String workflowId = visit.path("workflowId");
        String code = visit.path("code");
        String instance = visit.query("instance").orElse("");
        Run run = runs.find(workflowId).orElseThrow(() -> ConsoleException.notFound("There is no workflow " + workflowId + "."));
        StepRow step = runs.steps(run).stream()
                .filter(s -> code.equals(s.code()) && instance.equals(s.instanceId()) && s.manual())
                .findFirst()
                .orElseThrow(() -> ConsoleException.notFound("Workflow " + workflowId + " has no task " + code
                        + (instance.isEmpty() ? "" : " for " + instance) + "."));
        return new Task(workflowId, code, instance, run, step);
    }
}
