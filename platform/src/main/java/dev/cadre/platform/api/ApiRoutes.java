package dev.cadre.platform.api;

import static dev.cadre.platform.api.Route.delete;
import static dev.cadre.platform.api.Route.get;
import static dev.cadre.platform.api.Route.patch;
import static dev.cadre.platform.api.Route.post;
import static dev.cadre.platform.api.Route.put;

import dev.cadre.platform.api.Route.Body;
import dev.cadre.platform.expressions.ExpressionEngine;
import dev.cadre.platform.host.CadreHost;
import dev.cadre.platform.templates.TemplateDocuments;
import dev.cadre.platform.templates.TemplateValidator;
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
        RunQueries queries = new RunQueries(host.database().dataSource());
        HealthResource health = new HealthResource(host);
        PluginResource plugins = new PluginResource(host.handlers());
        HandlerResource handlers = new HandlerResource(host.handlers());
        TemplateResource templates = new TemplateResource(host.templates(),
                new TemplateValidator(new ExpressionEngine(), host.handlers()::knows), new TemplateDocuments());
        WorkflowResource workflows = new WorkflowResource(host.workflows(), host.recovery(), queries, host.json());
        ArtifactResource artifacts = new ArtifactResource(host.records(), host.artifacts(), queries::hasWaitingTaskFor);
        UserResource users = new UserResource(host.users(), host.json().mapper());
        TaskResource tasks = new TaskResource(queries);
        StatsResource stats = new StatsResource(new StatsQueries(host.database().dataSource()));
        MetricsResource metrics = new MetricsResource(host.metrics());

        List<Route> routes = new ArrayList<>(List.of(
                get("/api/health", "Health of the database, Temporal, the worker and plugins (503 when down)", health::health)
                        .withoutToken().also(503),

                get("/api/plugins", "Plugin JARs with id, version, state, file, SHA-256 and handlers", plugins::list),
                post("/api/plugins", "Upload a plugin JAR: verified, started, stored under a host-chosen name", plugins::install).access(Access.ADMIN)
                        .body(Body.UPLOAD).success(201).also(403, 409, 415),
                post("/api/plugins/{id}/reload", "Load the plugin's file again and switch to it without a gap", plugins::reload).access(Access.ADMIN).also(400, 409),
                post("/api/plugins/{id}/stop", "Stop a plugin; its file stays", plugins::stop).access(Access.ADMIN),
                post("/api/plugins/{id}/start", "Start a stopped or failed plugin", plugins::start).access(Access.ADMIN).also(400, 409),
                delete("/api/plugins/{id}", "Remove a plugin after its running activities finish (202 if still draining)", plugins::uninstall)
                        .access(Access.ADMIN)
                        .query("timeoutSeconds").also(202),
                get("/api/handlers", "Handler names with their source: builtin or plugin id@version, and SHA-256", handlers::list),

                get("/api/templates", "Template codes with their versions and status", templates::list),
                post("/api/templates", "Import a template document as the next version of its code", templates::importDocument)
                        .access(Access.ADMIN)
                        .body(Body.JSON).success(201).query("publish", "force").also(409),
                post("/api/templates/validate", "Validate a template document: every problem with its path", templates::validate)
                        .body(Body.JSON),
                get("/api/templates/{code}", "The published (else latest) template document", templates::current),
                get("/api/templates/{code}/versions/{v}", "One version's template document", templates::exportVersion).also(400),
                post("/api/templates/{code}/versions/{v}/publish", "Publish a version for new workflows", templates::publish)
                        .access(Access.ADMIN)
                        .query("force").also(400, 409),

                post("/api/workflows", "Start a workflow on a template", workflows::start).access(Access.OPERATOR).body(Body.JSON).success(201),
                get("/api/workflows", "Workflows, newest first", workflows::list).query("status", "template", "limit").also(400),
                get("/api/workflows/{id}", "Phases, activities and instances with status, outcome, retries, errors, provenance",
                        workflows::detail),
                post("/api/workflows/{id}/activities/{code}/complete", "Complete a waiting manual activity", workflows::complete)
                        .body(Body.JSON).success(202).also(409),
                post("/api/workflows/{id}/cancel", "Cancel a running workflow (it compensates)", workflows::cancel).access(Access.OPERATOR).success(202).also(409),
                post("/api/workflows/{id}/resume", "Continue a FAILED, CANCELLED or lost run from its records", workflows::resume)
                        .access(Access.OPERATOR)
                        .success(202).also(409),
                post("/api/workflows/{id}/migrate", "Move a RUNNING run to another template version (steps matched by code)",
                        workflows::migrate).access(Access.OPERATOR).body(Body.JSON).success(202).also(400, 409),
                get("/api/workflows/{id}/artifacts", "The run's artifacts: name, content type, size, SHA-256", artifacts::list),
                get("/api/workflows/{id}/artifacts/{name}", "Download an artifact (names may contain '/')", artifacts::download)
                        .greedyName().also(400),
                put("/api/workflows/{id}/artifacts/{name}", "Upload an artifact (evidence); 409 if it exists with other content",
                        artifacts::upload).greedyName().body(Body.UPLOAD).success(201).query("replace").also(409),

                get("/api/tasks", "The manual-task inbox, oldest due first; mine=true: tasks of the caller's roles", tasks::inbox)
                        .query("status", "assignee", "mine", "workflowId", "limit").also(400),

                get("/api/me", "The caller: username, display name, roles", users::me),
                post("/api/users", "Create a user with roles; answers the first personal token, shown once", users::create)
                        .access(Access.ADMIN).body(Body.JSON).success(201).also(409),
                get("/api/users", "Users with roles, disabled flag, created and last sign-in times", users::list).access(Access.ADMIN),
                patch("/api/users/{username}", "Change a user's roles, display name, password or disabled flag", users::patch)
                        .access(Access.ADMIN).body(Body.JSON),
                get("/api/users/{username}/tokens", "A user's live tokens (ids and times, never secrets): admin or the user",
                        users::tokens).also(403),
                post("/api/users/{username}/tokens", "A new personal token, shown once: admin or the user", users::issueToken)
                        .success(201).also(403),
                delete("/api/users/{username}/tokens/{tokenId}", "Revoke a personal token: admin or the user", users::revokeToken)
                        .also(400, 403),

                get("/api/stats/handlers", "Per handler and source: executions, failures, retries, p50/p95/max duration (since: ISO-8601, default PT24H)",
                        stats::handlers).query("since").also(400),
                get("/api/stats/tasks", "Per manual activity and role: waiting, overdue, median and p95 time to complete (since: default P30D)",
                        stats::tasks).query("since").also(400),
                get("/metrics", "Prometheus text: Cadre, Temporal SDK, HikariCP, JVM, process and request meters", metrics::scrape)
                        .access(Access.METRICS)));
        OpenApiResource openApi = new OpenApiResource(host.json().mapper());
        routes.add(get("/api/openapi.json", "This document", openApi::document));
        openApi.describe(routes);
        return List.copyOf(routes);
    }
}
