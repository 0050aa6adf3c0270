package dev.cadre.platform.api;

import dev.cadre.platform.cluster.HandlerPlacement;

import static dev.cadre.platform.api.Route.delete;
import static dev.cadre.platform.api.Route.get;
import static dev.cadre.platform.api.Route.patch;
import static dev.cadre.platform.api.Route.post;
import static dev.cadre.platform.api.Route.put;

import dev.cadre.platform.api.Route.Body;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.runs.Application;
import java.util.ArrayList;
import java.util.List;

/** The route table of the admin endpoint (DESIGN section 6), in one place: what {@link Router} serves and OpenAPI documents. */
final class ApiRoutes {

    private ApiRoutes() {
    }

    /**
     * @param host the running host the endpoints work on
     * @return every route, in the order the OpenAPI document lists them
     */
    static List<Route> of(CadreHost host) {
        Application application = host.application();
        HealthResource health = new HealthResource(host);
        PluginResource plugins = new PluginResource(host.handlers(), host.cluster(), host.audit());
        ClusterResource cluster = new ClusterResource(host.cluster());
        HandlerResource handlers = new HandlerResource(host.handlers());
        TemplateResource templates = new TemplateResource(host.templates(), host.validator(), host.documents(),
                template -> HandlerPlacement.of(template, host.cluster().hosts().list(), host.cluster().builtins()), host.audit(),
                host.simulations());
        ParameterFileResource parameterFiles = new ParameterFileResource(host.parameterFiles());
        WorkflowResource workflows = new WorkflowResource(application.runs(), application.tasks(), new Bodies(host.json().mapper()), host.audit());
        ArtifactResource artifacts = new ArtifactResource(application.artifacts(), host.audit());
        UserResource users = new UserResource(host.users(), host.json().mapper(), host.audit());
        TaskResource tasks = new TaskResource(application.runs());
        StatsResource stats = new StatsResource(application.runs());
        MetricsResource metrics = new MetricsResource(host.metrics());
        AuditResource audit = new AuditResource(host.audit());
        RoleMappingResource roleMappings = new RoleMappingResource(host.roleMappings(), host.config().signIn(), host.audit(), host.json().mapper());

        List<Route> routes = new ArrayList<>(List.of(
                get("/api/health", "Health of the database, Temporal, the worker and plugins (503 when down)", health::health)
                        .withoutToken().answers(ApiSchemas.HEALTH).also(503),

                get("/api/plugins", "Plugin JARs with id, version, state, file, SHA-256 and handlers", plugins::list).answers(ApiSchemas.PLUGINS),
                post("/api/plugins", "Upload a plugin JAR: verified, started, stored under a host-chosen name", plugins::install).access(Access.ADMIN).answers(ApiSchemas.PLUGIN)
                        .body(Body.UPLOAD).success(201).also(403, 409, 415),
                post("/api/plugins/{id}/reload", "Load the plugin's file again and switch to it without a gap", plugins::reload).access(Access.ADMIN).answers(ApiSchemas.PLUGIN).also(400, 409),
                post("/api/plugins/{id}/stop", "Stop a plugin; its file stays", plugins::stop).access(Access.ADMIN).answers(ApiSchemas.PLUGIN),
                post("/api/plugins/{id}/start", "Start a stopped or failed plugin", plugins::start).access(Access.ADMIN).answers(ApiSchemas.PLUGIN).also(400, 409),
                delete("/api/plugins/{id}", "Remove a plugin after its running activities finish (202 if still draining)", plugins::uninstall)
                        .access(Access.ADMIN).answers(ApiSchemas.UNINSTALLED)
                        .query("timeoutSeconds", "version").also(202, 409),
                get("/api/cluster", "Live and lost hosts: id, host name, pid, version, admin URL, started, last seen, releases and handlers",
                        cluster::cluster).answers(ApiSchemas.CLUSTER),
                get("/api/handlers", "Handler names with their source: builtin or plugin id@version, and SHA-256", handlers::list).answers(ApiSchemas.HANDLERS),

                get("/api/templates", "Template codes with their versions and status", templates::list).answers(ApiSchemas.TEMPLATES),
                post("/api/templates", "Import a template document as the next version of its code", templates::importDocument)
                        .access(Access.ADMIN)
                        .accepts(ApiSchemas.TEMPLATE_DOCUMENT).answers(ApiSchemas.STORED_TEMPLATE).success(201).query("publish", "force").also(409),
                post("/api/templates/validate", "Validate a template document: every problem with its path", templates::validate)
                        .accepts(ApiSchemas.TEMPLATE_DOCUMENT).answers(ApiSchemas.VALIDATION),
                post("/api/templates/simulate", "Simulate a template (document or stored version) under a scenario; writes no run records",
                        templates::simulate).access(Access.ADMIN).answers(ApiSchemas.SIMULATION).also(400, 404),
                get("/api/templates/{code}", "The published (else latest) template document", templates::current).answers(ApiSchemas.TEMPLATE_DOCUMENT),
                get("/api/templates/{code}/versions/{v}", "One version's template document", templates::exportVersion).answers(ApiSchemas.TEMPLATE_DOCUMENT).also(400),
                post("/api/templates/{code}/versions/{v}/publish", "Publish a version for new workflows", templates::publish)
                        .access(Access.ADMIN).answers(ApiSchemas.STORED_TEMPLATE)
                        .query("force").also(400, 409),

                post("/api/workflows", "Start a workflow on a template", workflows::start).access(Access.OPERATOR).accepts(ApiSchemas.START_WORKFLOW).answers(ApiSchemas.STARTED).success(201),
                get("/api/workflows", "Workflows, newest first", workflows::list).answers(ApiSchemas.WORKFLOWS).query("status", "template", "limit").also(400),
                get("/api/workflows/{id}", "Phases, activities and instances with status, outcome, retries, errors, provenance",
                        workflows::detail).answers(ApiSchemas.WORKFLOW),
                post("/api/workflows/{id}/activities/{code}/complete", "Complete a waiting manual activity", workflows::complete)
                        .accepts(ApiSchemas.COMPLETE_ACTIVITY).answers(ApiSchemas.COMPLETED).success(202).also(403, 409),
                post("/api/workflows/{id}/activities/{code}/claim", "Claim a waiting manual task: its people (role or assignee) only; 409 names"
                        + " whoever else has it", workflows::claim).accepts(ApiSchemas.CLAIM_TASK).answers(ApiSchemas.CLAIM).query("instanceId").also(403, 409),
                delete("/api/workflows/{id}/activities/{code}/claim", "Unclaim a task: its holder, or an admin (audited)", workflows::unclaim)
                        .accepts(ApiSchemas.CLAIM_TASK).answers(ApiSchemas.CLAIM).query("instanceId").also(403, 409),
                post("/api/workflows/{id}/cancel", "Cancel a running workflow (it compensates)", workflows::cancel).access(Access.OPERATOR).accepts(ApiSchemas.REASON).answers(ApiSchemas.CANCEL_REQUESTED).success(202).also(409),
                post("/api/workflows/{id}/resume", "Continue a FAILED, CANCELLED or lost run from its records", workflows::resume)
                        .access(Access.OPERATOR).accepts(ApiSchemas.REASON).answers(ApiSchemas.RESUMED)
                        .success(202).also(409),
                post("/api/workflows/{id}/activities/{code}/retry", "Run a failed step again: its run continues from its records",
                        workflows::retry).access(Access.OPERATOR).accepts(ApiSchemas.REASON).answers(ApiSchemas.RETRIED).success(202).also(404, 409),
                post("/api/workflows/{id}/migrate", "Move a RUNNING run to another template version (steps matched by code)",
                        workflows::migrate).access(Access.OPERATOR).accepts(ApiSchemas.MIGRATE).answers(ApiSchemas.MIGRATED).success(202).also(400, 409),
                get("/api/workflows/{id}/artifacts", "The run's artifacts: name, content type, size, SHA-256", artifacts::list).answers(ApiSchemas.ARTIFACTS),
                get("/api/workflows/{id}/artifacts/{name}", "Download an artifact (names may contain '/')", artifacts::download)
                        .greedyName().produces("application/octet-stream").also(400),
                put("/api/workflows/{id}/artifacts/{name}", "Upload an artifact (evidence); 409 if it exists with other"
                                + " content (an admin may ?replace=true) or, even then, if a completed step used it; 422 listing the problems"
                                + " when a step that validates the task's file finds them",
                        artifacts::upload).greedyName().answers(ApiSchemas.ARTIFACT_STORED).body(Body.UPLOAD).success(201).query("replace")
                        .also(403, 409, 422),

                post("/api/parameter-files", "Upload a fan-out's elements (a JSON array, up to 100,000) for a start to name as"
                        + " {\"$file\": id}: checked whole, stored in one transaction", parameterFiles::upload).access(Access.OPERATOR)
                        .answers(ApiSchemas.PARAMETER_FILE).body(Body.UPLOAD).success(201).also(403, 415),
                get("/api/parameter-files/{id}", "A parameter file's element count, size, SHA-256 and uploader", parameterFiles::get)
                        .access(Access.OPERATOR).answers(ApiSchemas.PARAMETER_FILE).also(403),

                get("/api/tasks", "The manual-task inbox, oldest due first; mine=true: tasks of the caller's roles", tasks::inbox).answers(ApiSchemas.TASKS)
                        .query("status", "assignee", "mine", "workflowId", "limit").also(400),

                get("/api/me", "The caller: username, display name, roles", users::me).answers(ApiSchemas.ME),
                post("/api/users", "Create a user with roles; answers the first personal token, shown once", users::create)
                        .access(Access.ADMIN).accepts(ApiSchemas.CREATE_USER).answers(ApiSchemas.USER_CREATED).success(201).also(409),
                get("/api/users", "Users with roles, disabled flag, created and last sign-in times", users::list).access(Access.ADMIN).answers(ApiSchemas.USERS),
                patch("/api/users/{username}", "Change a user's roles, display name, password or disabled flag", users::patch)
                        .access(Access.ADMIN).accepts(ApiSchemas.PATCH_USER).answers(ApiSchemas.USER),
                get("/api/users/{username}/tokens", "A user's live tokens (ids and times, never secrets): admin or the user",
                        users::tokens).answers(ApiSchemas.TOKENS).also(403),
                post("/api/users/{username}/tokens", "A new personal token, shown once: admin or the user", users::issueToken).answers(ApiSchemas.TOKEN_ISSUED)
                        .success(201).also(403),
                delete("/api/users/{username}/tokens/{tokenId}", "Revoke a personal token: admin or the user", users::revokeToken).answers(ApiSchemas.TOKEN_REVOKED)
                        .also(400, 403),

                get("/api/stats/handlers", "Per handler and source: executions, failures, retries, p50/p95/max duration (since: ISO-8601, default PT24H)",
                        stats::handlers).answers(ApiSchemas.HANDLER_STATS).query("since").also(400),
                get("/api/stats/tasks", "Per manual activity and role: waiting, overdue, median and p95 time to complete (since: default P30D)",
                        stats::tasks).answers(ApiSchemas.TASK_STATS).query("since").also(400),
                get("/metrics", "Prometheus text: Cadre, Temporal SDK, HikariCP, JVM, process and request meters", metrics::scrape)
                        .access(Access.METRICS).produces("text/plain"),
                get("/api/audit", "The platform's audit log, newest first (since: ISO-8601 duration or instant; cursor: the last page's nextCursor)",
                        audit::list).access(Access.AUDIT).answers(ApiSchemas.AUDIT_PAGE).query("since", "actor", "type", "limit", "cursor").also(400),
                get("/api/oidc/role-mappings", "Single sign-on: the Cadre roles each value of the provider's roles claim grants",
                        roleMappings::list).access(Access.ADMIN).answers(ApiSchemas.ROLE_MAPPINGS),
                put("/api/oidc/role-mappings", "Single sign-on: replace every role mapping at once", roleMappings::replace).access(Access.ADMIN)
                        .accepts(ApiSchemas.PUT_ROLE_MAPPINGS).answers(ApiSchemas.ROLE_MAPPINGS)));
        OpenApiResource openApi = new OpenApiResource();
        routes.add(get("/api/openapi.json", "This document", openApi::document).answers(ApiSchemas.OPENAPI));
        openApi.describe(routes);
        return List.copyOf(routes);
    }
}
