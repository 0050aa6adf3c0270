package dev.cadre.platform.console;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditStates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.cadre.platform.engine.Artifacts;
import dev.cadre.platform.engine.Progress;
import dev.cadre.platform.engine.WorkflowRequest;
import dev.cadre.platform.engine.Workflows;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.runs.RunRecordQueries;
import dev.cadre.platform.runs.WorkflowDetail;
import dev.cadre.plugin.api.Artifact;
import io.undertow.util.Headers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Workflows: the list (status and template filters, business-key search), starting one (operators), a
 * run's page with its phases, steps and instances, cancel (operators), artifact downloads, and the final
 * report shown in a sandboxed frame where its scripts cannot run.
 */
final class WorkflowPages {

    static final String FINAL_REPORT = "final-report.html";
    static final int LIST_LIMIT = 100;
    private static final List<String> STATUSES = List.of("RUNNING", "COMPLETED", "FAILED", "CANCELLED");
    /** Served artifacts may be anything an uploader sent: never run, never shown as part of the console. */
    private static final String ARTIFACT_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private final CadreHost host;
    private final RunRecordQueries queries;
    private final Pages pages;

    WorkflowPages(CadreHost host, RunRecordQueries queries, Pages pages) {
        this.host = host;
        this.queries = queries;
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
        List<ListRow> rows = queries.workflows(status, template, search, LIST_LIMIT).stream()
                .map(w -> new ListRow(Links.run((String) w.get("workflowId")), (String) w.get("workflowId"), (String) w.get("template"),
                        Formats.text(w.get("version")), (String) w.get("businessKey"), (String) w.get("status"), Formats.text(w.get("currentPhase")),
                        Formats.time(w.get("startedAt")), Formats.time(w.get("completedAt"))))
                .toList();
        List<String> codes = host.templates().list().stream().map(t -> t.code()).toList();
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
            parameters = host.json().mapper().readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw ConsoleException.badRequest("The parameters are not a JSON object: " + e.getOriginalMessage());
        }
        WorkflowRequest request = new WorkflowRequest(template, null, businessKey, parameters == null ? Map.of() : parameters);
        Workflows.Started started = host.workflows().start(request);
        host.audit().record(visit.actor(), AuditAction.RUN_START, "workflow:" + started.workflowId(), null, AuditStates.run(request, started));
        visit.redirect(Links.run(started.workflowId()));
    }

    void run(Visit visit) {
        String workflowId = visit.path("id");
        Optional<Map<String, Object>> row = queries.workflow(workflowId);
        Map<String, Object> detail;
        List<ArtifactLink> artifacts = List.of();
        boolean hasReport = false;
        if (row.isEmpty()) {
            Progress live = host.workflows().progress(workflowId).orElseThrow(() -> ConsoleException.notFound("There is no workflow " + workflowId + "."));
            detail = WorkflowDetail.liveOnly(workflowId, live);
        } else {
            Map<String, Object> run = row.get();
            long runId = ((Number) run.get("id")).longValue();
            Optional<Progress> live = "RUNNING".equals(run.get("status")) ? host.workflows().progress(workflowId) : Optional.empty();
            detail = WorkflowDetail.of(run, host.json().readMap((String) run.get("parameters")),
                    queries.steps(runId, ((Number) run.get("template_id")).longValue()), live, queries.resumptions(runId));
            artifacts = artifacts(host.artifacts(), workflowId, runId);
            hasReport = artifacts.stream().anyMatch(a -> a.name().equals(FINAL_REPORT));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        for (String key : List.of("workflowId", "template", "version", "businessKey", "status", "currentPhase", "error")) {
            model.put(key, Formats.text(detail.get(key)));
        }
        model.put("started", Formats.time(detail.get("startedAt")));
        model.put("completed", Formats.time(detail.get("completedAt")));
        model.put("duration", Formats.between(detail.get("startedAt"), detail.get("completedAt")));
        model.put("parameters", ValueView.of(detail.getOrDefault("parameters", Map.of())));
        model.put("phases", RunView.phases(workflowId, detail));
        List<Resumption> resumptions = resumptions(detail);
        model.put("resumptions", resumptions);
        model.put("hasResumptions", !resumptions.isEmpty());
        model.put("artifacts", artifacts);
        model.put("noArtifacts", artifacts.isEmpty());
        model.put("hasReport", hasReport);
        model.put("reportHref", Links.run(workflowId) + "/report");
        model.put("cancelHref", Links.run(workflowId) + "/cancel");
        model.put("mayCancel", visit.principal().isOperator() && "RUNNING".equals(detail.get("status")));
        pages.render(visit, 200, "run", "Run " + workflowId, model);
    }

    void cancel(Visit visit) {
        String workflowId = visit.path("id");
        Optional<Map<String, Object>> row = queries.workflow(workflowId);
        if (row.isPresent() && !"RUNNING".equals(row.get().get("status"))) {
            throw new ConsoleException(409, "Workflow " + workflowId + " has already ended " + row.get().get("status") + ".");
        }
        host.workflows().cancel(workflowId);
        host.audit().record(visit.actor(), AuditAction.RUN_CANCEL, "workflow:" + workflowId, row.map(r -> Map.of("status", r.get("status"))).orElse(null), null);
        visit.redirect(Links.run(workflowId));
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
        if (!Artifacts.isValidName(name)) {
            throw ConsoleException.badRequest("'" + name + "' is not an artifact name.");
        }
        Artifact artifact = artifact(visit.path("id"), name);
        visit.exchange().getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, ARTIFACT_POLICY);
        visit.exchange().getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + name.substring(name.lastIndexOf('/') + 1) + "\"");
        Pages.send(visit.exchange(), 200, "application/octet-stream", artifact.content());
    }

    private Artifact artifact(String workflowId, String name) {
        long runId = queries.runId(workflowId)
                .orElseThrow(() -> ConsoleException.notFound("There is no workflow " + workflowId + "."));
        return host.artifacts().get(runId, name).orElseThrow(() -> ConsoleException.notFound("Workflow " + workflowId + " has no artifact '" + name + "'."));
    }

    /** A downloadable artifact of a run. */
    record ArtifactLink(String name, String href, String size, String sha256) {
    }

    static List<ArtifactLink> artifacts(Artifacts artifacts, String workflowId, long runId) {
        return artifacts.list(runId).stream()
                .map(a -> new ArtifactLink(a.name(), Links.artifact(workflowId, a.name()), a.size() + " bytes", Formats.text(a.sha256()).trim()))
                .toList();
    }

    /** One resumption of the run. */
    record Resumption(String at, String from, String reason) {
    }

    @SuppressWarnings("unchecked")
    private static List<Resumption> resumptions(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.getOrDefault("resumptions", List.of())).stream()
                .map(r -> new Resumption(Formats.time(r.get("resumedAt")), Formats.text(r.get("fromStatus")) + " (version "
                        + Formats.text(r.get("fromVersion")) + " → " + Formats.text(r.get("toVersion")) + ")", Formats.text(r.get("reason"))))
                .toList();
    }
}
