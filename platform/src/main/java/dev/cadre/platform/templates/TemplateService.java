package dev.cadre.platform.templates;

import dev.cadre.platform.persistence.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Templates in PostgreSQL: import (validated, stored as the next version of its code in one
 * transaction), publish, find, list and export. Validation runs before the transaction opens, so
 * transactions stay short.
 */
public final class TemplateService {

    private final Database database;
    private final TemplateValidator validator;
    private final TemplateDocuments documents;
    private final TemplateRepository repository;
    private final ScenarioCheck scenarios;

    /**
     * @param database  where templates live
     * @param validator checks documents (with the host's handler names, so publishing can refuse unknown ones)
     * @param documents reads and writes template documents
     */
    public TemplateService(Database database, TemplateValidator validator, TemplateDocuments documents) {
        this(database, validator, documents, ScenarioCheck.NONE);
    }

    /**
     * @param database  where templates live
     * @param validator checks documents
     * @param documents reads and writes template documents
     * @param scenarios runs a version's scenarios before it is published
     */
    public TemplateService(Database database, TemplateValidator validator, TemplateDocuments documents, ScenarioCheck scenarios) {
        this.database = database;
        this.validator = validator;
        this.documents = documents;
        this.repository = new TemplateRepository(documents);
        this.scenarios = scenarios;
    }

    /**
     * Stores a document as the next version of its code (1 for a new code); the document's own version
     * number is ignored.
     *
     * @param document the template document
     * @param publish  whether to publish the new version at once
     * @param force    publish even though it names handlers the host does not know
     * @return the stored template, its status and its warnings
     * @throws InvalidTemplateException when it has errors, or when publishing is refused (nothing is stored then)
     */
    public StoredTemplate importTemplate(Template document, boolean publish, boolean force) {
        ValidationReport report = validator.validate(document);
        if (report.hasErrors()) {
            throw new InvalidTemplateException("template '" + document.code() + "' is invalid: " + report.errors().size() + " problem(s)", report);
        }
        if (publish) {
            refuseUnknownHandlers(document.code(), null, report, force);
            refuseFailingScenarios(document, force);
        }
        if (publish) {
            validator.keepExpressions(document);
        }
        TemplateStatus status = publish ? TemplateStatus.PUBLISHED : TemplateStatus.DRAFT;
        int version = database.inTransaction(session -> {
            repository.lock(session, document.code());
            int next = repository.nextVersion(session, document.code());
            if (publish) {
                repository.publish(session, document.code(), next); // retires the current one; the new row comes next
            }
            TemplateEntity header = repository.insert(session, document, next, status);
            if (publish) {
                ReleasePins.pin(session, document, header.id, force);
            }
            return next;
        });
        return new StoredTemplate(document.withVersion(version), status, report);
    }

    /**
     * Makes a version the one new workflows of its code start on; the formerly published version becomes RETIRED.
     *
     * @param code    the template code
     * @param version the version to publish
     * @param force   publish even though it names handlers the host does not know
     * @return the published template and its warnings
     * @throws TemplateNotFoundException when there is no such version
     * @throws InvalidTemplateException  when it is invalid, or names unknown handlers and {@code force} is false
     * @throws ScenariosFailedException  when a scenario it keeps no longer holds and {@code force} is false
     */
    public StoredTemplate publish(String code, int version, boolean force) {
        Template template = find(code, version)
                .orElseThrow(() -> new TemplateNotFoundException(code, version, "no template '" + code + "' version " + version));
        ValidationReport report = validator.validate(template);
        if (report.hasErrors()) {
            throw new InvalidTemplateException("template '" + code + "' version " + version + " is invalid", report);
        }
        refuseUnknownHandlers(code, version, report, force);
        refuseFailingScenarios(template, force);
        validator.keepExpressions(template);
        database.useTransaction(session -> {
            repository.lock(session, code);
            TemplateEntity header = repository.header(session, code, version).orElseThrow();
            ReleasePins.pin(session, template, header.id, force); // refused before anything changes
            repository.publish(session, code, version);
        });
        return new StoredTemplate(template, TemplateStatus.PUBLISHED, report);
    }

    /** Publishing runs the scenarios the version keeps; one that no longer holds refuses it, unless forced. */
    private void refuseFailingScenarios(Template template, boolean force) {
        if (force || template.scenarios().isEmpty()) {
            return;
        }
        List<ScenarioCheck.ScenarioFailure> failures = scenarios.failures(template);
        if (!failures.isEmpty()) {
            throw new ScenariosFailedException(template.code(), failures);
        }
    }

    private static void refuseUnknownHandlers(String code, Integer version, ValidationReport report, boolean force) {
        // only unknown handlers block publishing; an undeclared shape only leaves an expression unchecked
        if (report.warnings().stream().anyMatch(w -> w.path().endsWith(".handler")) && !force) {
            throw new InvalidTemplateException("template '" + code + "'" + (version == null ? "" : " version " + version)
                    + " names handlers this host does not know; install their plugins, or publish with force", report);
        }
    }

    /** @return that version of the template, whatever its status */
    public Optional<Template> find(String code, int version) {
        return database.inTransaction(session -> repository.header(session, code, version).map(header -> repository.load(session, header)));
    }

    /** @return the published version of the template: the one new workflows start on */
    public Optional<Template> current(String code) {
        return database.inTransaction(session -> repository.published(session, code).map(header -> repository.load(session, header)));
    }

    /**
     * @param code the template code
     * @return the number of its published version: one indexed query, for callers that cache versions by number
     */
    public Optional<Integer> publishedVersion(String code) {
        return database.inTransaction(session -> repository.publishedVersion(session, code));
    }

    /**
     * @param code    the template code
     * @param version a version, or {@code null} for the published one (the latest when none is published)
     * @return the template
     * @throws TemplateNotFoundException when there is no such template or version
     */
    public Template resolve(String code, Integer version) {
        return database.inTransaction(session -> {
            Optional<TemplateEntity> header = version != null ? repository.header(session, code, version)
                    : repository.published(session, code).or(() -> repository.latest(session, code));
            return header.map(h -> repository.load(session, h)).orElseThrow(() -> new TemplateNotFoundException(code, version,
                    version == null ? "no template '" + code + "'" : "no template '" + code + "' version " + version));
        });
    }

    /**
     * @return the template document (see {@link #resolve(String, Integer)}) as pretty JSON
     * @throws TemplateNotFoundException when there is no such template or version
     */
    public String export(String code, Integer version) {
        return documents.write(resolve(code, version));
    }

    /** @return every template code with its versions and their status, by code */
    public List<TemplateSummary> list() {
        List<TemplateEntity> rows = database.inTransaction(repository::all);
        Map<String, List<TemplateEntity>> byCode = new LinkedHashMap<>();
        rows.forEach(row -> byCode.computeIfAbsent(row.code, c -> new ArrayList<>()).add(row));
        return byCode.entrySet().stream().map(entry -> new TemplateSummary(entry.getKey(),
                entry.getValue().get(entry.getValue().size() - 1).name,
                entry.getValue().stream().map(row -> new TemplateSummary.Version(row.version, row.status, row.createdAt, row.publishedAt)).toList()))
                .toList();
    }
}
