package dev.cadre.platform.api;

import dev.cadre.platform.cluster.HandlerPlacement;
import java.util.function.Function;
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
    private final Function<Template, List<HandlerPlacement>> placements;
    private final AuditLog audit;

    /**
     * @param placements where the template's handlers are loaded among the live hosts
     * @param audit      where imports and publications are recorded
     */
    TemplateResource(TemplateService templates, TemplateValidator validator, TemplateDocuments documents,
                     Function<Template, List<HandlerPlacement>> placements, AuditLog audit) {
        this.audit = audit;
        this.templates = templates;
        this.validator = validator;
        this.documents = documents;
        this.placements = placements;
    }

    /**
     * Refuses (409) publishing a template whose automated step's handler no live host has, unless forced.
     *
     * @return sentences for handlers loaded on only some live hosts
     */
    private List<String> checkPlacement(Template template, boolean force) {
        List<HandlerPlacement> found = placements.apply(template);
        List<HandlerPlacement> nowhere = found.stream().filter(HandlerPlacement::nowhere).toList();
        if (!nowhere.isEmpty() && !force) {
            throw new ApiException(409, "handler_not_on_any_host", "template '" + template.code() + "' cannot run: "
                    + String.join("; ", nowhere.stream().map(HandlerPlacement::describe).toList())
                    + ". Install the plugin, or publish with force=true to stage it ahead of the plugin",
                    nowhere.stream().map(p -> Map.of("path", p.path(), "step", p.step(), "handler", p.handler(),
                            "liveHosts", p.liveHosts())).toList());
        }
        return found.stream().filter(p -> p.nowhere() || p.partial()).map(HandlerPlacement::describe).toList();
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
        List<String> placement = publish ? checkPlacement(document, force) : List.of();
        StoredTemplate stored = templates.importTemplate(document, publish, force);
        audit.record(call.actor(), AuditAction.TEMPLATE_IMPORT, "template:" + stored.template().code(), null, AuditStates.template(stored, force));
        if (publish && stored.status() == dev.cadre.platform.templates.TemplateStatus.PUBLISHED) {
            audit.record(call.actor(), AuditAction.TEMPLATE_PUBLISH, "template:" + stored.template().code(), null, AuditStates.template(stored, force));
        }
        call.respond(201, withPlacement(stored(stored), placement));
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
        try {
            List<String> placement = placements.apply(documents.read(text)).stream()
                    .filter(p -> p.nowhere() || p.partial()).map(HandlerPlacement::describe).toList();
            if (!placement.isEmpty()) {
                body.put("placement", placement);
            }
        } catch (InvalidTemplateException e) {
            // already among the problems
        }
        call.respond(200, body);
    }

    void publish(Call call) {
        int version = versionOf(call);
        boolean force = call.queryFlag("force");
        List<String> placement = templates.find(call.path("code"), version).map(t -> checkPlacement(t, force)).orElse(List.of());
        StoredTemplate stored = templates.publish(call.path("code"), version, force);
        audit.record(call.actor(), AuditAction.TEMPLATE_PUBLISH, "template:" + stored.template().code(), null, AuditStates.template(stored, force));
        call.respond(200, withPlacement(stored(stored), placement));
    }

    /** @return the answer with {@code placement} (handlers on only some live hosts) when there is any */
    private static Object withPlacement(Object answer, List<String> placement) {
        if (placement.isEmpty() || !(answer instanceof Map<?, ?> map)) {
            return answer;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        map.forEach((key, value) -> body.put(String.valueOf(key), value));
        body.put("placement", placement);
        return body;
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
