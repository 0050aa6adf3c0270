package dev.cadre.platform.console;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.audit.AuditStates;

import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.templates.InvalidTemplateException;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.platform.templates.TemplateStatus;
import dev.cadre.platform.templates.TemplateValidator;
import dev.cadre.platform.templates.ValidationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Templates (admins only): codes and versions with their status, publish a version, validate a pasted document. */
final class TemplatePages {

    private final TemplateService templates;
    private final TemplateValidator validator;
    private final TemplateDocuments documents;
    private final Pages pages;
    private final AuditLog audit;

    TemplatePages(CadreHost host, Pages pages) {
        this.templates = host.templates();
        this.validator = host.validator();
        this.documents = host.documents();
        this.pages = pages;
        this.audit = host.audit();
    }

    /** A template version's row. */
    record Version(String code, String name, int version, String status, String created, String published, String publishHref, boolean canPublish) {
    }

    /** A problem of a validated document, at its path. */
    record Problem(String severity, String path, String message) {
    }

    void list(Visit visit) {
        render(visit, "", null, visit.query("done").orElse(""));
    }

    /** Validates the pasted document and shows every problem at its path (the document stays in the form). */
    void validate(Visit visit) {
        String text = visit.form().raw("document");
        ValidationReport report;
        try {
            report = validator.validate(documents.read(text));
        } catch (InvalidTemplateException e) {
            report = e.report();
        }
        render(visit, text, report, "");
    }

    void publish(Visit visit) {
        String code = visit.path("code");
        int version;
        try {
            version = Integer.parseInt(visit.path("v"));
        } catch (NumberFormatException e) {
            throw ConsoleException.badRequest("A template version is a whole number.");
        }
        boolean force = visit.form().text("force").isPresent();
        audit.record(visit.actor(), AuditAction.TEMPLATE_PUBLISH, "template:" + code, null,
                AuditStates.template(templates.publish(code, version, force), force));
        visit.redirect("/templates?done=" + Links.encode("Published " + code + " version " + version));
    }

    private void render(Visit visit, String document, ValidationReport report, String notice) {
        List<Version> versions = templates.list().stream().flatMap(t -> t.versions().stream().map(v -> new Version(t.code(), t.name(), v.version(),
                v.status().name(), Formats.time(v.createdAt()), Formats.time(v.publishedAt()),
                "/templates/" + Links.encode(t.code()) + "/versions/" + v.version() + "/publish", v.status() != TemplateStatus.PUBLISHED)))
                .toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("versions", versions);
        model.put("document", document);
        model.put("validated", report != null);
        model.put("valid", report != null && !report.hasErrors());
        model.put("problems", report == null ? List.of() : report.problems().stream()
                .map(p -> new Problem(p.severity().name(), Formats.text(p.path()), p.message())).toList());
        model.put("hasProblems", report != null && !report.problems().isEmpty());
        model.put("notice", notice);
        pages.render(visit, 200, "templates", "Templates", model);
    }
}
