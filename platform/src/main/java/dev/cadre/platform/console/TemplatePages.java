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

/**
 * Templates (admins only): codes and versions with their status, publish a version, validate a pasted document,
 * simulate a version under a scenario and see the run as a timeline.
 */
final class TemplatePages {

    private final TemplateService templates;
    private final TemplateValidator validator;
    private final TemplateDocuments documents;
    private final Pages pages;
    private final AuditLog audit;
    private final dev.cadre.platform.simulation.TemplateSimulations simulations;

    TemplatePages(CadreHost host, Pages pages) {
        this.simulations = host.simulations();
        this.templates = host.templates();
        this.validator = host.validator();
        this.documents = host.documents();
        this.pages = pages;
        this.audit = host.audit();
    }

    /** A template version's row, with the scenarios it keeps. */
    record Version(String code, String name, int version, String status, String created, String published, String publishHref, boolean canPublish,
            String simulateHref, List<String> scenarios) {

        /** @return whether the version keeps scenarios to simulate */
        public boolean hasScenarios() {
            return !scenarios.isEmpty();
        }
    }

    /**
     * A step on the simulation's timeline: where its bar starts and how wide it is, in percent of the run.
     */
    record Bar(String step, String phase, String status, String outcome, String started, String ended, String note, String left, String width) {
    }

    /** A deadline step that fired, at its offset from the run's start. */
    record Fired(String step, String action, String role, String at) {
    }

    /** A problem of a validated document, at its path. */
    record Problem(String severity, String path, String message) {
    }

    void list(Visit visit) {
        render(visit, "", null, Notice.read(visit, "done").orElse(""), null);
    }

    /**
     * Simulates a stored version under one of its scenarios (or a pasted scenario document) and shows the
     * run as a timeline in simulated time. Writes no run records.
     */
    void simulate(Visit visit) {
        String code = visit.path("code");
        int version = version(visit);
        dev.cadre.platform.templates.Template template = templates.resolve(code, version);
        String pasted = visit.form().raw("scenarioDocument");
        dev.cadre.platform.templates.Scenario scenario;
        if (pasted != null && !pasted.isBlank()) {
            scenario = documents.readScenario(pasted);
        } else {
            String name = visit.form().text("scenario").orElseThrow(() -> ConsoleException.badRequest("Choose a scenario or paste one."));
            scenario = template.scenarios().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> ConsoleException.badRequest("Version " + version + " of " + code + " keeps no scenario '" + name + "'."));
        }
        render(visit, "", null, "", timeline(code + " version " + version, simulations.simulate(template, scenario)));
    }

    private static Map<String, Object> timeline(String title, dev.cadre.platform.simulation.Simulation simulation) {
        java.time.Instant start = simulation.steps().stream().map(s -> java.time.Instant.parse(s.started())).min(java.time.Instant::compareTo)
                .orElse(java.time.Instant.EPOCH);
        double total = Math.max(1, java.time.Duration.parse(simulation.simulatedDuration()).toMillis());
        List<Bar> bars = simulation.steps().stream().map(s -> {
            long from = java.time.Duration.between(start, java.time.Instant.parse(s.started())).toMillis();
            long to = java.time.Duration.between(start, java.time.Instant.parse(s.at())).toMillis();
            return new Bar(s.instance().isEmpty() ? s.activity() : s.activity() + " / " + s.instance(), s.phase(), s.status(),
                    Formats.text(s.outcome()), offset(from), offset(to), Formats.text(s.note()),
                    String.format(java.util.Locale.ROOT, "%.2f", 100 * from / total),
                    String.format(java.util.Locale.ROOT, "%.2f", Math.max(0.4, 100 * (to - from) / total)));
        }).toList();
        List<Fired> fired = simulation.deadlines().stream().map(d -> new Fired(d.instance().isEmpty() ? d.activity() : d.activity() + " / " + d.instance(),
                d.action(), Formats.text(d.role()), offset(java.time.Duration.between(start, java.time.Instant.parse(d.at())).toMillis()))).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", title);
        view.put("scenario", simulation.scenario());
        view.put("status", simulation.status());
        view.put("error", Formats.text(simulation.error()));
        view.put("duration", offset(java.time.Duration.parse(simulation.simulatedDuration()).toMillis()));
        view.put("budget", simulation.criticalPath().budget());
        view.put("met", simulation.expectationsMet());
        view.put("differences", simulation.differences());
        view.put("bars", bars);
        view.put("fired", fired);
        view.put("fanOuts", simulation.fanOuts().stream().map(f -> f.phase() + ": " + f.instances()).toList());
        return view;
    }

    /** @return a simulated offset as days, hours and minutes, for example {@code +2d 4h 0m} */
    private static String offset(long millis) {
        long minutes = millis / 60_000;
        return "+" + minutes / (24 * 60) + "d " + minutes / 60 % 24 + "h " + minutes % 60 + "m";
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
        render(visit, text, report, "", null);
    }

    void publish(Visit visit) {
        String code = visit.path("code");
        int version = version(visit);
        boolean force = visit.form().text("force").isPresent();
        audit.record(visit.actor(), AuditAction.TEMPLATE_PUBLISH, "template:" + code, null,
                AuditStates.template(templates.publish(code, version, force), force));
        visit.redirect("/templates?" + Notice.query(visit, "done", "Published " + code + " version " + version));
    }

    private void render(Visit visit, String document, ValidationReport report, String notice, Map<String, Object> simulation) {
        List<Version> versions = templates.list().stream().flatMap(t -> t.versions().stream().map(v -> new Version(t.code(), t.name(), v.version(),
                v.status().name(), Formats.time(v.createdAt()), Formats.time(v.publishedAt()),
                "/templates/" + Links.encode(t.code()) + "/versions/" + v.version() + "/publish", v.status() != TemplateStatus.PUBLISHED,
                "/templates/" + Links.encode(t.code()) + "/versions/" + v.version() + "/simulate",
                templates.find(t.code(), v.version()).map(found -> found.scenarios().stream().map(dev.cadre.platform.templates.Scenario::name).toList())
                        .orElse(List.of()))))
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
        model.put("simulation", simulation);
        pages.render(visit, 200, "templates", "Templates", model);
    }

    private static int version(Visit visit) {
        try {
            return Integer.parseInt(visit.path("v"));
        } catch (NumberFormatException e) {
            throw ConsoleException.badRequest("A template version is a whole number.");
        }
    }
}
