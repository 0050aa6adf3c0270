package dev.cadre.platform.console;

import dev.cadre.platform.audit.AuditLog;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditStates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.engine.Workflows;
import dev.cadre.platform.runs.ArtifactService;
import dev.cadre.platform.runs.RunDetail;
import dev.cadre.platform.runs.RunSummary;
import dev.cadre.platform.runs.Runs;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.plugin.api.Artifact;
import io.undertow.util.Headers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Workflows: the list (status and template filters, business-key search), starting one (operators), a
 * run's page with its phases, steps and instances, the operator actions of RunActions, artifact downloads, and the final
 * report shown in a sandboxed frame where its scripts cannot run.
 */
final class WorkflowPages {

    static final String FINAL_REPORT = "final-report.html";
    static final int LIST_LIMIT = 100;
    private static final List<String> STATUSES = List.of("RUNNING", "COMPLETED", "FAILED", "CANCELLED");
    /** Served artifacts may be anything an uploader sent: never run, never shown as part of the console. */
    private static final String ARTIFACT_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private final Runs runs;
    private final ArtifactService artifacts;
    private final TemplateService templates;
    private final ObjectMapper mapper;
    private final Pages pages;
    private final AuditLog audit;
    private final RunActions actions;

    WorkflowPages(Runs runs, ArtifactService artifacts, TemplateService templates, ObjectMapper mapper, AuditLog audit, Pages pages) {
        this.actions = new RunActions(runs, templates, audit, pages);
        this.audit = audit;
        this.runs = runs;
        this.artifacts = artifacts;
        this.templates = templates;
        this.mapper = mapper;
        this.pages = pages;
    }

    /** A row of the list. */
    record ListRow(String href, String workflowId, String template, String version, String businessKey, String status, String phase,
                   String started, String completed) {
    }

    /** A choice of a filter's select. */
    record Choice(String value, boolean selected) {
    }

    void list(Visit visit) {
        String status = visit.query("status").map(s -> s.toUpperCase(Locale.ROOT)).filter(STATUSES::contains).orElse(null);
        String template = visit.query("template").orElse(null);
        String search = visit.query("q").orElse(null);
        List<ListRow> rows = runs.list(status, template, search, LIST_LIMIT).stream().map(WorkflowPages::row).toList();
        List<String> codes = templates.list().stream().map(t -> t.code()).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("workflows", rows);
        model.put("empty", rows.isEmpty());
        model.put("statuses", STATUSES.stream().map(s -> new Choice(s, s.equals(status))).toList());
        model.put("templates", codes.stream().map(c -> new Choice(c, c.equals(template))).toList());
        model.put("q", search == null ? "" : search);
        model.put("businessKey", "");
        model.put("parameters", "{}");
        model.put("error", "");
        pages.render(visit, 200, "workflows", "Workflows", model);
    }

    /** Starts a workflow on a template's published version; a bad parameters document is shown on the form again. */
    void start(Visit visit) {
        Form form = visit.form();
        String template = form.text("template").orElseThrow(() -> ConsoleException.badRequest("Choose a template."));
        String businessKey = form.text("businessKey").orElseThrow(() -> ConsoleException.badRequest("Enter a business key."));
        if (businessKey.length() > 255) {
            throw ConsoleException.badRequest("The business key may have at most 255 characters.");
        }
        Map<String, Object> parameters;
        try {
            String text = form.text("parameters").orElse("{}");
            parameters = mapper.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw ConsoleException.badRequest("The parameters are not a JSON object: " + e.getOriginalMessage());
        }
        WorkflowRequest request = new WorkflowRequest(template, null, businessKey, parameters == null ? Map.of() : parameters);
        Workflows.Started started = runs.start(request);
        audit.record(visit.actor(), AuditAction.RUN_START, "workflow:" + started.workflowId(), null, AuditStates.run(request, started));
        visit.redirect(Links.run(started.workflowId()) + "?" + Notice.query(visit, "started", "1"));
    }

    private static ListRow row(RunSummary w) {
        return new ListRow(Links.run(w.workflowId()), w.workflowId(), w.template(), String.valueOf(w.version()), w.businessKey(), w.status(),
                Formats.text(w.currentPhase()), Formats.time(w.startedAt()), Formats.time(w.completedAt()));
    }

    void run(Visit visit) {
        String workflowId = visit.path("id");
        RunDetail detail = runs.detail(workflowId, false).orElseThrow(() -> ConsoleException.notFound("There is no workflow " + workflowId + "."));
        List<ArtifactLink> links = detail.runId() == null ? List.of() : artifacts(artifacts, workflowId);
        boolean hasReport = links.stream().anyMatch(a -> a.name().equals(FINAL_REPORT));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("workflowId", detail.workflowId());
        model.put("template", detail.template());
        model.put("version", String.valueOf(detail.version()));
        model.put("businessKey", Formats.text(detail.businessKey()));
        model.put("status", detail.status());
        model.put("currentPhase", Formats.text(detail.currentPhase()));
        model.put("error", Formats.text(detail.error()));
        model.put("started", Formats.time(detail.startedAt()));
        model.put("completed", Formats.time(detail.completedAt()));
        model.put("duration", Formats.between(detail.startedAt(), detail.completedAt()));
        model.put("parameters", ValueView.of(detail.parameters() == null ? Map.of() : detail.parameters()));
        model.put("phases", RunView.phases(workflowId, detail));
        List<ReworkView.Row> rounds = ReworkView.rows(detail);
        model.put("reworkRounds", rounds);
        model.put("hasReworkRounds", !rounds.isEmpty());
        List<Resumption> resumptions = detail.resumptions() == null ? List.of() : detail.resumptions().stream()
                .map(r -> new Resumption(Formats.time(r.resumedAt()), Formats.text(r.fromStatus()) + " (version "
                        + Formats.text(r.fromVersion()) + " → " + Formats.text(r.toVersion()) + ")", Formats.text(r.reason())))
                .toList();
        model.put("resumptions", resumptions);
        model.put("hasResumptions", !resumptions.isEmpty());
        model.put("artifacts", links);
        model.put("noArtifacts", links.isEmpty());
        model.put("hasReport", hasReport);
        model.put("reportHref", Links.run(workflowId) + "/report");
        List<RunActions.Button> buttons = visit.principal().isOperator() ? actions.buttons(detail) : List.of();
        model.put("actions", buttons);
        model.put("hasActions", !buttons.isEmpty());
        model.put("notice", Notice.read(visit, "started").isPresent() ? "The run has started" + (detail.businessKey() == null ? "." : " for "
                + detail.businessKey() + ".") : RunActions.notice(visit));
        model.put("timeline", RunTimeline.of(detail, java.time.Instant.now()));
        pages.render(visit, 200, "run", "Run " + workflowId, model);
    }

    /** The final report, inline in the run page's sandboxed frame; the policy keeps its scripts from running even when opened alone. */
    void report(Visit visit) {
        Artifact report = artifact(visit.path("id"), FINAL_REPORT);
        visit.exchange().getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, ARTIFACT_POLICY + "; frame-ancestors 'self'");
        Pages.send(visit.exchange(), 200, "text/html; charset=utf-8", report.content());
    }

    /** Downloads an artifact, as an attachment the browser does not open as part of the console. */
    void artifact(Visit visit) {
        String name = visit.path("name");
        Artifact artifact = artifact(visit.path("id"), name);
        visit.exchange().getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, ARTIFACT_POLICY);
        visit.exchange().getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + name.substring(name.lastIndexOf('/') + 1) + "\"");
        Pages.send(visit.exchange(), 200, "application/octet-stream", artifact.content());
    }

    private Artifact artifact(String workflowId, String name) {
        return artifacts.get(workflowId, name);
    }

    /** A downloadable artifact of a run. */
    record ArtifactLink(String name, String href, String size, String sha256) {
    }

    static List<ArtifactLink> artifacts(ArtifactService artifacts, String workflowId) {
        return artifacts.list(workflowId).stream()
                .map(a -> new ArtifactLink(a.name(), Links.artifact(workflowId, a.name()), TaskContext.size(a.size()), Formats.text(a.sha256())))
                .toList();
    }

    /** One resumption of the run. */
    record Resumption(String at, String from, String reason) {
    }
}
