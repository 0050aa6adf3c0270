package dev.cadre.platform.console;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.runs.ActivityView;
import dev.cadre.platform.runs.InstanceView;
import dev.cadre.platform.runs.RunDetail;
import dev.cadre.platform.runs.RunEndedException;
import dev.cadre.platform.runs.Runs;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.platform.templates.TemplateSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's actions on a run: resume, retry a failed step, migrate to another template version,
 * cancel. Each opens a confirmation page (no script needed) that asks for a reason and a ticked box,
 * then acts, records the person and their reason (in the run's resumptions and the audit log), and
 * returns to the run page with a notice of what was done.
 */
final class RunActions {

    /** What an operator can do to a run; {@code notice} is the run page's feedback afterwards. */
    enum Action {
        RESUME("Resume", "Resume the run from the step that did not end well", "The run was resumed."),
        RETRY("Retry", "Run the failed step again, and the steps after it", "The failed step runs again."),
        MIGRATE("Migrate", "Move the running run to another version of its template", "The run moved to the chosen version."),
        CANCEL("Cancel", "Cancel the run: its completed steps are compensated", "The run was asked to cancel; its steps are compensated.");

        final String label;
        final String what;
        final String notice;

        Action(String label, String what, String notice) {
            this.label = label;
            this.what = what;
            this.notice = notice;
        }

        String slug() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Action> of(String slug) {
            for (Action a : values()) {
                if (a.slug().equals(slug)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** The longest reason kept. */
    static final int MAX_REASON = 2_000;

    /** A button of the run page: a link to an action's confirmation. */
    record Button(String label, String href, String what) {
    }

    /** A choice of a select. */
    record Option(String value, String label) {
    }

    private final Runs runs;
    private final TemplateService templates;
    private final AuditLog audit;
    private final Pages pages;

    RunActions(Runs runs, TemplateService templates, AuditLog audit, Pages pages) {
        this.runs = runs;
        this.templates = templates;
        this.audit = audit;
        this.pages = pages;
    }

    /** @return the actions the run allows now, as buttons of its page (for operators) */
    List<Button> buttons(RunDetail detail) {
        List<Button> buttons = new ArrayList<>();
        String base = Links.run(detail.workflowId()) + "/actions/";
        if (detail.running()) {
            if (!otherVersions(detail).isEmpty()) {
                buttons.add(new Button(Action.MIGRATE.label + "…", base + Action.MIGRATE.slug(), Action.MIGRATE.what));
            }
            buttons.add(new Button(Action.CANCEL.label + " run…", base + Action.CANCEL.slug(), Action.CANCEL.what));
            return buttons;
        }
        if ("COMPLETED".equals(detail.status()) || detail.runId() == null) {
            return buttons;
        }
        for (String step : failedSteps(detail)) {
            buttons.add(new Button(Action.RETRY.label + " " + step + "…", base + Action.RETRY.slug() + "?step=" + Links.encode(step),
                    Action.RETRY.what));
        }
        buttons.add(new Button(Action.RESUME.label + "…", base + Action.RESUME.slug(), Action.RESUME.what));
        return buttons;
    }

    /** @return the feedback for a signed {@code ?done=<action>}: fixed text, never words from the URL */
    static String notice(Visit visit) {
        return Notice.read(visit, "done").flatMap(Action::of).map(a -> a.notice).orElse("");
    }

    /** The confirmation page. */
    void confirm(Visit visit) {
        Action action = action(visit);
        RunDetail detail = detail(visit);
        show(visit, 200, action, detail, visit.query("step").orElse(""), "", "");
    }

    private void show(Visit visit, int status, Action action, RunDetail detail, String step, String reason, String error) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("action", action.label);
        model.put("what", action.what);
        model.put("workflowId", detail.workflowId());
        model.put("runHref", Links.run(detail.workflowId()));
        model.put("postHref", Links.run(detail.workflowId()) + "/actions/" + action.slug());
        model.put("businessKey", Formats.text(detail.businessKey()));
        model.put("status", detail.status());
        model.put("isRetry", action == Action.RETRY);
        model.put("steps", failedSteps(detail).stream().map(s -> Map.of("value", s, "selected", s.equals(step))).toList());
        model.put("isMigrate", action == Action.MIGRATE);
        model.put("versions", otherVersions(detail).stream().map(v -> new Option(String.valueOf(v), "version " + v)).toList());
        model.put("version", String.valueOf(detail.version()));
        model.put("reason", reason);
        model.put("error", error);
        pages.render(visit, status, "run-action", action.label + " " + detail.workflowId(), model);
    }

    /** Acts after the confirmation: a missing reason or tick shows the page again with what is missing. */
    void act(Visit visit) {
        Action action = action(visit);
        RunDetail detail = detail(visit);
        Form form = visit.form();
        String reason = form.text("reason").map(String::strip).orElse("");
        String step = form.text("step").orElse("");
        List<String> missing = new ArrayList<>();
        if (reason.isEmpty()) {
            missing.add("give a reason");
        } else if (reason.length() > MAX_REASON) {
            missing.add("shorten the reason to at most " + MAX_REASON + " characters");
        }
        if (form.text("confirm").isEmpty()) {
            missing.add("tick the box to confirm");
        }
        if (action == Action.RETRY && step.isEmpty()) {
            missing.add("choose the step to retry");
        }
        Integer version = null;
        if (action == Action.MIGRATE) {
            version = form.text("version").flatMap(RunActions::integer).orElse(null);
            if (version == null) {
                missing.add("choose a version");
            }
        }
        if (!missing.isEmpty()) {
            show(visit, 400, action, detail, step, reason, "To " + action.label.toLowerCase(Locale.ROOT) + " the run, " + String.join(" and ", missing) + ".");
            return;
        }
        String workflowId = detail.workflowId();
        String who = visit.principal().username();
        switch (action) {
            case RESUME -> {
                runs.resume(workflowId, who, reason);
                audit.recordRunChange(visit.actor(), AuditAction.RUN_RESUME, workflowId, null, "reason", reason);
            }
            case RETRY -> {
                runs.retry(workflowId, step, who, reason);
                audit.recordRunChange(visit.actor(), AuditAction.RUN_RETRY, workflowId, null, "activity", step, "reason", reason);
            }
            case MIGRATE -> {
                runs.migrate(workflowId, version, who, reason);
                audit.recordRunChange(visit.actor(), AuditAction.RUN_MIGRATE, workflowId, detail.version(), "version", version, "reason", reason);
            }
            case CANCEL -> {
                try {
                    runs.cancel(workflowId);
                } catch (RunEndedException e) {
                    throw new ConsoleException(409, "Workflow " + workflowId + " has already ended " + e.status() + ".");
                }
                audit.recordRunChange(visit.actor(), AuditAction.RUN_CANCEL, workflowId, null, "reason", reason);
            }
        }
        visit.redirect(Links.run(workflowId) + "?" + Notice.query(visit, "done", action.slug()));
    }

    private static Action action(Visit visit) {
        return Action.of(visit.path("action")).orElseThrow(() -> ConsoleException.notFound("There is no such action on a run."));
    }

    private RunDetail detail(Visit visit) {
        String workflowId = visit.path("id");
        return runs.detail(workflowId, false).orElseThrow(() -> ConsoleException.notFound("There is no workflow " + workflowId + "."));
    }

    private static List<String> failedSteps(RunDetail detail) {
        List<String> failed = new ArrayList<>();
        detail.phases().forEach(p -> p.activities().stream().filter(RunActions::failed).map(ActivityView::code).forEach(failed::add));
        return failed;
    }

    private static boolean failed(ActivityView step) {
        return "FAILED".equals(step.status())
                || step.instances() != null && step.instances().stream().map(InstanceView::status).anyMatch("FAILED"::equals);
    }

    private List<Integer> otherVersions(RunDetail detail) {
        return templates.list().stream().filter(t -> t.code().equals(detail.template())).flatMap(t -> t.versions().stream())
                .map(TemplateSummary.Version::version).filter(v -> v != detail.version()).sorted().toList();
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
