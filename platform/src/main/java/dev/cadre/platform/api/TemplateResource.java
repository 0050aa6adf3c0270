package dev.cadre.platform.api;

import dev.cadre.platform.audit.AuditAction;
import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.audit.AuditStates;

import dev.cadre.platform.templates.InvalidTemplateException;
import dev.cadre.platform.templates.Problem;
import dev.cadre.platform.templates.StoredTemplate;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.platform.templates.TemplateValidator;
import dev.cadre.platform.templates.ValidationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/templates}: list, export, import (optionally publishing), validate, publish. */
final class TemplateResource {

    private final TemplateService templates;
    private final TemplateValidator validator;
    private final TemplateDocuments documents;
    private final AuditLog audit;

    TemplateResource(TemplateService templates, TemplateValidator validator, TemplateDocuments documents, AuditLog audit) {
        this.audit = audit;
        this.templates = templates;
        this.validator = validator;
        this.documents = documents;
    }

    void list(Call call) {
        call.respond(200, templates.list());
    }

    void current(Call call) {
        call.respondJsonText(200, templates.export(call.path("code"), null));
    }

    void exportVersion(Call call) {
        call.respondJsonText(200, templates.export(call.path("code"), versionOf(call)));
    }

    void importDocument(Call call) {
        boolean publish = call.queryFlag("publish");
        boolean force = call.queryFlag("force");
        Template document = documents.read(call.jsonText());
        StoredTemplate stored = templates.importTemplate(document, publish, force);
        audit.record(call.actor(), AuditAction.TEMPLATE_IMPORT, "template:" + stored.template().code(), null, AuditStates.template(stored, force));
        if (publish && stored.status() == dev.cadre.platform.templates.TemplateStatus.PUBLISHED) {
            audit.record(call.actor(), AuditAction.TEMPLATE_PUBLISH, "template:" + stored.template().code(), null, AuditStates.template(stored, force));
        }
        call.respond(201, stored(stored));
    }

    /** Always 200 for a JSON body: a document that is not a template is one more problem, not an error. */
    void validate(Call call) {
        String text = call.jsonText();
        ValidationReport report;
        try {
            report = validator.validate(documents.read(text));
        } catch (InvalidTemplateException e) {
            report = e.report();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", !report.hasErrors());
        body.put("problems", problems(report));
        call.respond(200, body);
    }

    void publish(Call call) {
        boolean force = call.queryFlag("force");
        StoredTemplate stored = templates.publish(call.path("code"), versionOf(call), force);
        audit.record(call.actor(), AuditAction.TEMPLATE_PUBLISH, "template:" + stored.template().code(), null, AuditStates.template(stored, force));
        call.respond(200, stored(stored));
    }


    private static int versionOf(Call call) {
        String raw = call.path("v");
        try {
            int version = Integer.parseInt(raw);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", "template version must be a positive whole number, got '" + raw + "'");
        }
    }

    private static Map<String, Object> stored(StoredTemplate stored) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", stored.template().code());
        body.put("version", stored.template().version());
        body.put("status", stored.status().name());
        body.put("warnings", problems(new ValidationReport(stored.report().warnings())));
        return body;
    }

    static List<Map<String, Object>> problems(ValidationReport report) {
        return report.problems().stream().map(TemplateResource::problem).toList();
    }

    private static Map<String, Object> problem(Problem problem) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("path", problem.path());
        view.put("message", problem.message());
        view.put("severity", problem.severity().name());
        return view;
    }
}
