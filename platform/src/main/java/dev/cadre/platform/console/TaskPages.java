package dev.cadre.platform.console;

import dev.cadre.platform.audit.AuditLog;

import dev.cadre.platform.engine.CompletionRefusedException;
import dev.cadre.platform.engine.Outcome;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.runs.ArtifactRefusedException;
import dev.cadre.platform.runs.ArtifactService;
import dev.cadre.platform.runs.Run;
import dev.cadre.platform.runs.Runs;
import dev.cadre.platform.runs.StepRow;
import dev.cadre.platform.runs.TaskClaimedException;
import dev.cadre.platform.runs.TaskClaims;
import dev.cadre.platform.runs.TaskCompletion;
import dev.cadre.platform.runs.TaskForbiddenException;
import dev.cadre.platform.templates.ReworkRules;
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
    /** How often the inbox's script fetches the queue again; {@code ?refresh=} may ask for 2 to 600 s. */
    static final int REFRESH_SECONDS = 30;

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

    /**
     * Waiting tasks of my roles not assigned to someone else (an admin's: all), oldest due first, as a work
     * queue ({@link Inbox}): filters with counts, relative due times, who has claimed what.
     */
    void inbox(Visit visit) {
        Principal me = visit.principal();
        Instant now = Instant.now();
        List<TaskView> waiting = runs.tasks(StepStatus.WAITING, null, me.isAdmin() ? null : me.roles(), me.isAdmin() ? null : me.username(),
                null, INBOX_LIMIT);
        Inbox inbox = new Inbox(me, now, visit::query);
        List<Inbox.Row> rows = inbox.filter(waiting).stream().map(inbox::row).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("tasks", rows);
        model.put("empty", rows.isEmpty());
        model.put("filters", inbox.filters(waiting));
        model.put("filtered", inbox.filtered());
        model.put("total", waiting.size());
        model.put("notice", Notice.read(visit, "completed").map(code -> "Completed " + code + ".").orElse(""));
        model.put("refresh", true);
        model.put("refreshSeconds", visit.query("refresh").map(TaskPages::seconds).orElse(REFRESH_SECONDS));
        model.put("self", ReturnPath.of(ReturnPath.requested(visit)).orElse("/"));
        pages.render(visit, 200, "inbox", "My tasks", model);
    }

    /** Claims the task for me (its people only), then back to where the button was: the task or the inbox. */
    void claim(Visit visit) {
        Task task = find(visit);
        completion.claim(visit.principal(), task.workflowId(), task.code(), task.instance());
        visit.redirect(back(visit, task));
    }

    /** Ends the claim: its holder's, or anyone's for an admin (recorded). */
    void unclaim(Visit visit) {
        Task task = find(visit);
        completion.unclaim(visit.principal(), visit.actor(), task.workflowId(), task.code(), task.instance());
        visit.redirect(back(visit, task));
    }

    private static int seconds(String raw) {
        try {
            return Math.max(2, Math.min(600, Integer.parseInt(raw)));
        } catch (NumberFormatException e) {
            return REFRESH_SECONDS;
        }
    }

    private static String back(Visit visit, Task task) {
        return ReturnPath.of(visit.form().text("back").orElse(null)).orElse(Links.task(task.workflowId(), task.code(), task.instance()));
    }

    /** A task: what it asks, what to review, and its form when it waits for me. */
    void task(Visit visit) {
        render(visit, find(visit), 200, "", null);
    }

    /**
     * @param error a refusal to show above the form, or ""
     * @param typed what the person had typed, put back in the form (a refused completion loses nothing), or {@code null}
     */
    private void render(Visit visit, Task task, int status, String error, Form typed) {
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
        List<TaskFields.View> fields = form.map(f -> TaskFields.views(f, task.instance(), typed)).orElse(List.of());
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
        model.put("sendsBack", template.activity(task.code()).flatMap(ReworkRules::onReject).isPresent());
        model.put("round", step.round() > 1 ? step.round() : null);
        model.put("reworkNote", step.reworkNote());
        model.put("hasEarlierRounds", !step.earlierRounds().isEmpty());
        model.put("earlierRounds", step.earlierRounds().stream().map(r -> Map.of("round", r.round(), "status", r.status(),
                "outcome", Formats.text(r.outcome()), "completedBy", Formats.text(r.completedBy()), "completedAt", Formats.time(r.completedAt()),
                "comment", r.comment() == null ? "" : r.comment(), "problem", r.lastError() == null ? "" : r.lastError())).toList());
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
        Optional<TaskClaims.Claim> claim = waiting ? completion.claimOf(task.workflowId(), task.code(), task.instance()) : Optional.empty();
        model.put("claimedBy", claim.map(TaskClaims.Claim::holder).orElse(""));
        model.put("claimedAt", claim.map(c -> Formats.time(c.at())).orElse(""));
        boolean mine = claim.map(c -> c.holder().equals(me.username())).orElse(false);
        model.put("claimedByMe", mine);
        model.put("claimedByOther", claim.isPresent() && !mine);
        model.put("mayClaim", waiting && claim.isEmpty() && permit.map(p -> !p.override()).orElse(false));
        model.put("mayUnclaim", waiting && claim.isPresent() && (mine || me.isAdmin()));
        model.put("claimAction", Links.claim(task.workflowId(), task.code(), task.instance(), "claim"));
        model.put("unclaimAction", Links.claim(task.workflowId(), task.code(), task.instance(), "unclaim"));
        model.put("back", Links.task(task.workflowId(), task.code(), task.instance()));
        model.put("error", error);
        model.put("typedComment", typed == null ? "" : typed.text("comment").orElse(""));
        model.putAll(new TaskContext(runs, artifacts).model(task.workflowId(), task.run(), template, step, task.instance()));
        pages.render(visit, status, "task", Formats.text(step.name()), model);
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
        try {
            // someone else's claim refuses the completion before any file is stored
            completion.ensureUnclaimedByOthers(permit);
            complete(visit, task, permit, form);
        } catch (TaskClaimedException | CompletionRefusedException e) {
            // 409: the page comes back with what the person typed, and why it was refused
            render(visit, task, 409, e.getMessage(), form);
        } catch (ArtifactRefusedException e) {
            if (e.reason() != ArtifactRefusedException.Reason.INVALID_CONTENT) {
                throw e;
            }
            // a bad file: nothing was stored and the task still waits; the page lists the problems for another try
            render(visit, task, 422, e.getMessage(), form);
        }
    }

    private void complete(Visit visit, Task task, TaskCompletion.Permit permit, Form form) {
        Outcome outcome = outcome(form.text("outcome").orElse(""));
        String comment = form.text("comment").orElse(null);
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ConsoleException.badRequest("The comment may have at most " + MAX_COMMENT + " characters.");
        }
        if (outcome == Outcome.REJECTED && !"yes".equals(form.text("confirm").orElse(""))) {
            confirmReject(visit, task, comment, "");
            return;
        }
        if (outcome == Outcome.REJECTED && (comment == null || comment.isBlank())) {
            confirmReject(visit, task, comment, "Give a reason: it is recorded with the rejection.");
            return;
        }
        if (outcome == Outcome.REWORK && (comment == null || comment.isBlank())) {
            throw ConsoleException.badRequest("Say what to change: a comment is required to send the work back. Go back to the task, "
                    + "write it in the comment, and choose Send back again.");
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
        visit.redirect("/?" + Notice.query(visit, "completed", task.code()));
    }

    /**
     * Rejecting ends the run and rolls it back: a second page asks for the reason and a confirmation
     * (a required checkbox), and works without a script. What was typed is carried over.
     */
    private void confirmReject(Visit visit, Task task, String comment, String error) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", task.step().name());
        model.put("code", task.code());
        model.put("workflowId", task.workflowId());
        model.put("businessKey", task.run().summary().businessKey());
        model.put("action", Links.task(task.workflowId(), task.code(), task.instance()));
        model.put("comment", comment == null ? "" : comment);
        model.put("error", error);
        model.put("sendsBack", runs.template(task.run()).flatMap(t -> t.activity(task.code())).flatMap(ReworkRules::onReject).isPresent());
        pages.render(visit, error.isEmpty() ? 200 : 400, "task-reject", "Reject " + Formats.text(task.step().name()) + "?", model);
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
