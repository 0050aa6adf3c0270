package dev.cadre.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.simulation.TemplateSimulations;
import dev.cadre.platform.templates.InvalidTemplateException;
import dev.cadre.platform.templates.Scenario;
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

/** {@code /api/templates}: list, export, import (optionally publishing), validate, simulate, publish. */
final class TemplateResource {

    private final TemplateService templates;
    private final TemplateValidator validator;
    private final TemplateDocuments documents;
    private final TemplateSimulations simulations;

    TemplateResource(TemplateService templates, TemplateValidator validator, TemplateDocuments documents, TemplateSimulations simulations) {
        this.templates = templates;
        this.validator = validator;
        this.documents = documents;
        this.simulations = simulations;
    }

    /**
     * {@code {"template": document | {"code", "version"?}, "scenario": {...}}}: the template's run as the
     * scenario plays it; writes no run records.
     */
    void simulate(Call call) {
        JsonNode body = call.json();
        if (body == null || !body.isObject() || !body.path("template").isObject() || !body.path("scenario").isObject()) {
            throw ApiException.badRequest("invalid_request", "expected {\"template\": a template document or {\"code\", \"version\"}, "
                    + "\"scenario\": {...}}");
        }
        JsonNode given = body.get("template");
        Template template;
        if (given.has("phases")) {
            template = documents.read(given.toString());
        } else if (given.path("code").isTextual() && (given.path("version").isMissingNode() || given.path("version").canConvertToInt())) {
            Integer version = given.path("version").isMissingNode() || given.path("version").isNull() ? null : given.path("version").asInt();
            template = templates.resolve(given.path("code").asText(), version);
        } else {
            throw ApiException.badRequest("invalid_request", "template must be a template document or {\"code\", \"version\"}");
        }
        Scenario scenario = documents.readScenario(body.get("scenario").toString());
        call.respond(200, simulations.simulate(template, scenario));
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
        call.respond(200, stored(templates.publish(call.path("code"), versionOf(call), call.queryFlag("force"))));
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
        if (problem.line() != null) {
            view.put("line", problem.line());
            view.put("column", problem.column());
        }
        return view;
    }
}
