package dev.cadre.platform.host;

import dev.cadre.platform.audit.AuditLog;
import dev.cadre.platform.sso.RoleMappings;
import dev.cadre.platform.sso.SingleSignOn;
import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.engine.Artifacts;
import dev.cadre.platform.engine.EngineActivities;
import dev.cadre.platform.engine.EngineRecordsImpl;
import dev.cadre.platform.engine.HandlerActivity;
import dev.cadre.platform.engine.HandlerAvailabilityImpl;
import dev.cadre.platform.engine.JdbcRunRecords;
import dev.cadre.platform.engine.ParameterFiles;
import dev.cadre.platform.engine.RunRecords;
import dev.cadre.platform.engine.RunRecovery;
import dev.cadre.platform.engine.TemplateCatalog;
import dev.cadre.platform.engine.Workflows;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.metrics.ActivityMeters;
import dev.cadre.platform.metrics.WorkflowMeters;
import dev.cadre.platform.notifications.TaskNotifier;
import dev.cadre.platform.persistence.Database;
import dev.cadre.platform.persistence.Json;
import dev.cadre.platform.plugins.HandlerRegistry;
import dev.cadre.platform.runs.Application;
import dev.cadre.platform.runs.ArtifactService;
import dev.cadre.platform.runs.JdbcRunRecordQueries;
import dev.cadre.platform.runs.RunRecordQueries;
import dev.cadre.platform.runs.Runs;
import dev.cadre.platform.runs.TaskCompletion;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.templates.TemplateService;
import dev.cadre.platform.templates.TemplateValidator;
import dev.cadre.platform.simulation.Simulator;
import dev.cadre.platform.simulation.TemplateSimulations;
import dev.cadre.platform.users.UserDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one wiring of a host's services over its database and handler registry: JSON, expressions,
 * template documents, the validator and the template service, the catalog the engine reads templates
 * from, run records and their read side, artifacts, users, the handler activity and the engine's
 * activities; and, given a Temporal client, the workflow operations, run recovery and the application
 * layer the REST endpoint and the console call ({@link #application}).
 * {@link CadreHost} builds it over the real database, the plugin registry and the host's meters, and
 * starts a worker with
 * {@link #engineActivities()}; tests build the same over built-in handlers, a simple meter registry and
 * a test environment's client. Closing it stops what it started (the handler activity's heartbeats),
 * never the database or the registry it was given.
 */
public final class HostServices implements AutoCloseable {

    private final CadreConfig config;
    private final Json json;
    private final TemplateDocuments documents;
    private final TemplateValidator validator;
    private final TemplateService templates;
    private final TemplateCatalog catalog;
    private final RunRecords records;
    private final RunRecordQueries runQueries;
    private final Artifacts artifacts;
    private final ParameterFiles parameterFiles;
    private final ArtifactService artifactService;
    private final UserDirectory users;
    private final HandlerActivity handlerActivity;
    private final EngineActivities engineActivities;
    private final ExpressionEngine expressions;
    private final AuditLog audit;
    private final RoleMappings roleMappings;
    private final Optional<SingleSignOn> singleSignOn;
    private final TemplateSimulations simulations;
    private final dev.cadre.platform.runs.TaskClaims claims;
    private final dev.cadre.platform.runs.UploadChecks uploadChecks;
    /** The most time a plugin's check of a person's file may take on a request thread before the file is accepted unchecked. */
    private static final java.time.Duration UPLOAD_CHECK_DEADLINE = java.time.Duration.ofSeconds(10);
    /** The most wall time one simulation (a request's, or one of a publish's scenarios) may take. */
    private static final java.time.Duration SIMULATION_WALL_LIMIT = java.time.Duration.ofMinutes(2);

    private HostServices(CadreConfig config, Database database, HandlerRegistry handlers, MeterRegistry meters) {
        this.config = config;
        this.json = new Json();
        this.documents = new TemplateDocuments();
        this.expressions = new ExpressionEngine();
        this.validator = new TemplateValidator(expressions, handlers::knows, handlers::outputShape);
        this.simulations = new TemplateSimulations(new Simulator(expressions, handlers::outputShape, SIMULATION_WALL_LIMIT), validator);
        this.templates = new TemplateService(database, validator, documents, simulations);
        this.catalog = catalog(templates, expressions);
        this.records = new JdbcRunRecords(database.dataSource(), json, new WorkflowMeters(meters));
        this.runQueries = new JdbcRunRecordQueries(database.dataSource(), records);
        this.claims = new dev.cadre.platform.runs.TaskClaims(database.dataSource());
        this.artifacts = new Artifacts(database.dataSource());
        this.parameterFiles = new ParameterFiles(database.dataSource(), json.mapper());
        this.uploadChecks = new dev.cadre.platform.runs.UploadChecks(catalog, records, handlers, artifacts, UPLOAD_CHECK_DEADLINE);
        this.artifactService = new ArtifactService(runQueries, catalog, artifacts, config.runLimits(), uploadChecks, claims);
        this.users = new UserDirectory(database.dataSource(), Clock.systemUTC());
        this.audit = new AuditLog(database.dataSource(), json.mapper());
        this.roleMappings = new RoleMappings(database.dataSource());
        this.singleSignOn = config.signIn().oidc().map(oidc -> new SingleSignOn(oidc, roleMappings, users, Clock.systemUTC()));
        this.handlerActivity = new HandlerActivity(handlers, records, artifacts, catalog, json, new ActivityMeters(meters));
        this.engineActivities = new EngineActivities(handlerActivity, new EngineRecordsImpl(catalog, records, parameterFiles),
                new HandlerAvailabilityImpl(handlers), new TaskNotifier(config.notifications(), users, json));
    }

    /**
     * The engine's template reads: the published version by code, or a stored version, which never
     * changes and so is read from the database once, not at every run start; its expressions are compiled
     * then and kept, so no run parses them (the first compile of the CEL runtime is slow for workflow code).
     * The published version's number is read at each start (another host may have published since), the
     * version itself from the cache.
     */
    private static TemplateCatalog catalog(TemplateService templates, ExpressionEngine expressions) {
        Map<String, Template> versions = new ConcurrentHashMap<>();
        return (code, requested) -> {
            Optional<Integer> wanted = requested != null ? Optional.of(requested) : templates.publishedVersion(code);
            if (wanted.isEmpty()) {
                return Optional.empty();
            }
            int version = wanted.get();
            Template cached = versions.get(code + "@" + version);
            if (cached != null) {
                return Optional.of(cached);
            }
            Optional<Template> found = templates.find(code, version);
            found.ifPresent(template -> {
                expressions.keep(template.expressions());
                versions.put(code + "@" + version, template);
            });
            return found;
        };
    }

    /**
     * @param config   the host configuration (task queue, notifications)
     * @param database the open, migrated database (opened with the template entities); stays the caller's to close
     * @param handlers where steps find their handlers and templates check handler names; stays the caller's to close
     * @param meters   where run and handler meters go
     * @return the services
     */
    public static HostServices build(CadreConfig config, Database database, HandlerRegistry handlers, MeterRegistry meters) {
        return new HostServices(config, database, handlers, meters);
    }

    /**
     * @param client a client of the Temporal server the engine's worker polls ({@code config.taskQueue()})
     * @return start, complete, cancel and inspect workflows through that client
     */
    public Workflows workflows(WorkflowClient client) {
        return new Workflows(client, config.taskQueue(), catalog, parameterFiles);
    }

    /**
     * @param client a client of the Temporal server the engine's worker polls ({@code config.taskQueue()})
     * @return continues runs from their records (resume, migrate, reconcile) through that client
     */
    public RunRecovery recovery(WorkflowClient client) {
        return new RunRecovery(client, config.taskQueue(), records, catalog);
    }

    /**
     * @param workflows the workflow operations (over the host's Temporal client)
     * @param recovery  continues runs from their records
     * @return the application layer the REST endpoint and the console call
     */
    public Application application(Workflows workflows, RunRecovery recovery) {
        return new Application(new Runs(workflows, recovery, runQueries, json, catalog), new TaskCompletion(workflows, runQueries, artifactService, claims, audit),
                artifactService);
    }

    /** @return the JSON codec */
    public Json json() {
        return json;
    }

    /** @return reads and writes template documents */
    public TemplateDocuments documents() {
        return documents;
    }

    /** @return runs simulations of templates, on request and before publishing */
    public TemplateSimulations simulations() {
        return simulations;
    }

    /** @return the template validator (with this host's handler names and output shapes) */
    public TemplateValidator validator() {
        return validator;
    }

    /** @return templates in the database */
    public TemplateService templates() {
        return templates;
    }

    /** @return template snapshots for the engine: a given version, or the published one */
    public TemplateCatalog catalog() {
        return catalog;
    }

    /** @return the run records */
    public RunRecords records() {
        return records;
    }

    /** @return the run records' read side: lists, details, the task inbox, statistics */
    public RunRecordQueries runQueries() {
        return runQueries;
    }

    /** @return the parameter files fan-outs read their elements from */
    public ParameterFiles parameterFiles() {
        return parameterFiles;
    }

    /** @return the artifact storage */
    public Artifacts artifacts() {
        return artifacts;
    }

    /** @return the people who work in Cadre: users, roles, tokens */
    public UserDirectory users() {
        return users;
    }

    /** @return the platform's own audit log: who changed plugins, templates, users, tokens, runs */
    public AuditLog audit() {
        return audit;
    }

    /** @return which Cadre roles a value of the identity provider's roles claim grants */
    public RoleMappings roleMappings() {
        return roleMappings;
    }

    /** @return single sign-on, when {@code CADRE_OIDC_ISSUER} is set */
    public Optional<SingleSignOn> singleSignOn() {
        return singleSignOn;
    }

    /** @return the one CEL engine: the validator's and the workflows' */
    public ExpressionEngine expressions() {
        return expressions;
    }

    /** @return every activity implementation a worker of the engine registers ({@code EngineWorker}) */
    public EngineActivities engineActivities() {
        return engineActivities;
    }

    @Override
    public void close() {
        uploadChecks.close();
        handlerActivity.close();
    }
}
