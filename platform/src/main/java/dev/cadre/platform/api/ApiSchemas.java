package dev.cadre.platform.api;

import static dev.cadre.platform.api.Schema.anyObject;
import static dev.cadre.platform.api.Schema.arrayOf;
import static dev.cadre.platform.api.Schema.bool;
import static dev.cadre.platform.api.Schema.dateTime;
import static dev.cadre.platform.api.Schema.integer;
import static dev.cadre.platform.api.Schema.object;
import static dev.cadre.platform.api.Schema.oneOf;
import static dev.cadre.platform.api.Schema.string;

import dev.cadre.platform.engine.Outcome;
import dev.cadre.platform.engine.StepStatus;
import dev.cadre.platform.plugins.PluginProblem;
import dev.cadre.platform.plugins.PluginStatus;
import dev.cadre.platform.runs.RunRecordQueries;
import dev.cadre.platform.templates.Problem;
import dev.cadre.platform.templates.Template;
import dev.cadre.platform.templates.TemplateStatus;
import dev.cadre.platform.templates.TemplateSummary;
import dev.cadre.platform.users.UserDirectory;

/**
 * The bodies of the admin API, for the route table and so the OpenAPI document. Request schemas are
 * also what the endpoints accept: their property names are the fields the endpoint reads, any other
 * is refused. Records the API returns as they are are described from their components.
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    /** The one error shape of every 4xx and 5xx. */
    static final Schema ERROR = object("Error", "Every error: a short stable code, a sentence, and structured details or null")
            .required("error", string("short stable code, e.g. invalid_parameter"))
            .required("message", string("what went wrong, for people"))
            .required("details", anyObject("structured extras (a field, the allowed values, the missing role), or null").nullable())
            .build();

    private static final Schema RUN_STATUS = oneOf("RUNNING", "COMPLETED", "FAILED", "CANCELLED");
    private static final Schema UP_DOWN = oneOf("UP", "DOWN");

    // --- requests: property names are the fields the endpoints accept

    static final Schema START_WORKFLOW = object("StartWorkflow", "Starts a run of a template")
            .required("template", string("template code"))
            .optional("version", integer())
            .required("businessKey", string("what the run is about, e.g. a report id"))
            .optional("parameters", anyObject("start parameters, visible to expressions and handlers"))
            .build();

    static final Schema COMPLETE_ACTIVITY = object("CompleteActivity", "A person's completion of a waiting manual activity")
            .optional("instanceId", string("the fan-out instance, for a parallel activity"))
            .required("outcome", Schema.oneOf(Outcome.class))
            .optional("completedBy", string("ignored: the caller is who completed it (kept for older clients)"))
            .optional("comment", string())
            .optional("data", anyObject("what the person entered"))
            .build();

    static final Schema MIGRATE = object("Migrate", "Moves a RUNNING run to another version of its template")
            .required("version", integer())
            .build();

    static final Schema CREATE_USER = object("CreateUser", "A new user")
            .required("username", string("lower case letters, digits, '.', '_' or '-'"))
            .optional("displayName", string())
            .optional("password", string("at least 10 characters; without one the user signs in with tokens only"))
            .required("roles", arrayOf(string()))
            .optional("email", string("where deadline notices go"))
            .build();

    static final Schema PATCH_USER = object("PatchUser", "Changes to a user; fields left out stay as they are")
            .optional("displayName", string())
            .optional("password", string())
            .optional("roles", arrayOf(string()))
            .optional("disabled", bool())
            .optional("email", string("where deadline notices go; null removes it"))
            .build();

    /** The template document: what import, validate and export exchange. */
    static final Schema TEMPLATE_DOCUMENT = Schema.ofRecord(Template.class);

    // --- responses

    static final Schema HEALTH = object("Health", "Up when the database, Temporal and the worker are")
            .required("status", UP_DOWN).required("db", UP_DOWN).required("temporal", UP_DOWN).required("worker", UP_DOWN)
            .required("plugins", object("PluginCounts", null).required("count", integer()).required("failed", integer()).build())
            .build();

    static final Schema PLUGIN = object("Plugin", "A plugin JAR: provenance and state")
            .required("id", string().nullable()).required("version", string().nullable())
            .required("provider", string().nullable()).required("description", string().nullable())
            .required("state", Schema.oneOf(PluginStatus.class))
            .required("problem", Schema.oneOf(PluginProblem.class).nullable())
            .required("reason", string("why it is not started").nullable())
            .required("file", string()).required("sha256", string().nullable())
            .required("handlers", arrayOf(string()))
            .build();

    static final Schema UNINSTALLED = object("Uninstalled", "A plugin removal: unloaded now, or still draining its running activities")
            .required("id", string()).required("version", string().nullable()).required("unloaded", bool()).required("openLeases", integer())
            .build();

    static final Schema HANDLERS = Schema.mapOf(object("HandlerSource", null)
            .required("source", string("builtin or pluginId@version")).required("sha256", string().nullable()).build(), "handler name -> source");

    static final Schema PROBLEM = Schema.ofRecord(Problem.class);

    static final Schema STORED_TEMPLATE = object("StoredTemplate", "An imported or published template version")
            .required("code", string()).required("version", integer()).required("status", Schema.oneOf(TemplateStatus.class))
            .required("warnings", arrayOf(PROBLEM))
            .build();

    static final Schema SIMULATION = Schema.ofRecord(dev.cadre.platform.simulation.Simulation.class);

    static final Schema VALIDATION = object("Validation", "Every problem of a template document, with its path")
            .required("valid", bool()).required("problems", arrayOf(PROBLEM))
            .build();

    static final Schema TEMPLATES = arrayOf(Schema.ofRecord(TemplateSummary.class));

    static final Schema STARTED = object("Started", "A started run")
            .required("workflowId", string()).required("runId", string()).required("version", integer())
            .build();

    static final Schema WORKFLOWS = arrayOf(object("WorkflowSummary", "A run, newest first")
            .required("workflowId", string()).required("runId", string()).required("template", string()).required("version", integer())
            .required("businessKey", string()).required("status", RUN_STATUS).required("currentPhase", string().nullable())
            .required("error", string().nullable()).required("startedAt", dateTime()).required("completedAt", dateTime().nullable())
            .build());

    private static final Schema STEP_STATUS = Schema.oneOf(StepStatus.class);

    private static final Schema PROVENANCE = object("Provenance", "Who ran a step")
            .required("source", string("builtin or pluginId@version").nullable()).required("sha256", string().nullable())
            .build();

    private static final Schema EXECUTION = object("Execution", "One execution of a parallel activity (one fan-out instance)")
            .required("instanceId", string()).required("status", STEP_STATUS)
            .required("outcome", Schema.oneOf(Outcome.class).nullable()).required("retries", integer())
            .required("lastError", string().nullable()).required("provenance", PROVENANCE)
            .required("completedBy", string().nullable()).required("comment", string().nullable())
            .required("assigneeRole", string().nullable()).required("dueAt", dateTime().nullable())
            .required("startedAt", dateTime().nullable()).required("completedAt", dateTime().nullable())
            .build();

    private static final Schema ACTIVITY = object("Activity",
            "An activity of a run; a sequential one carries its execution's fields, a parallel one its instances")
            .required("code", string()).required("name", string()).required("type", string()).required("manual", bool())
            .required("executionMode", oneOf("sequential", "parallel")).required("handler", string()).required("status", STEP_STATUS)
            .optional("outcome", Schema.oneOf(Outcome.class).nullable()).optional("retries", integer())
            .optional("lastError", string().nullable()).optional("provenance", PROVENANCE)
            .optional("completedBy", string().nullable()).optional("comment", string().nullable())
            .optional("assigneeRole", string().nullable()).optional("dueAt", dateTime().nullable())
            .optional("startedAt", dateTime().nullable()).optional("completedAt", dateTime().nullable())
            .optional("instances", arrayOf(EXECUTION))
            .build();

    static final Schema WORKFLOW = object("Workflow", "A run with its phases, activities and instances (live=true: Temporal's view too)")
            .required("workflowId", string()).optional("runId", string()).required("template", string()).required("version", integer())
            .optional("businessKey", string()).optional("parameters", anyObject("start parameters"))
            .required("status", RUN_STATUS).required("currentPhase", string().nullable()).required("error", string().nullable())
            .required("live", bool()).optional("startedAt", dateTime()).optional("completedAt", dateTime().nullable())
            .optional("resumptions", arrayOf(object("Resumption", "When and why a run was continued from its records")
                    .required("resumedAt", dateTime()).required("fromStatus", RUN_STATUS).required("fromVersion", integer())
                    .required("toVersion", integer()).required("reason", string()).build()))
            .optional("taskEvents", arrayOf(object("TaskEvent", "A deadline step of a manual task that fired")
                    .required("activityCode", string()).required("instanceId", string())
                    .required("event", oneOf("remind", "reassign", "escalate", "complete")).required("role", string().nullable())
                    .required("dueAt", dateTime().nullable()).required("note", string().nullable()).required("occurredAt", dateTime())
                    .build()))
            .optional("history", object("History", "How close the run is to Temporal's history limits (warning at 10,240 events)")
                    .required("executions", integer()).required("maxEvents", integer()).build().nullable())
            .required("phases", arrayOf(object("Phase", null)
                    .required("name", string()).required("order", integer()).required("executionMode", oneOf("sequential", "parallel"))
                    .required("status", oneOf("PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"))
                    .required("activities", arrayOf(ACTIVITY)).build()))
            .build();

    static final Schema COMPLETED = object("CompletionAccepted", "The workflow took the completion")
            .required("workflowId", string()).required("step", string()).required("outcome", Schema.oneOf(Outcome.class))
            .build();

    static final Schema CANCEL_REQUESTED = object("CancelRequested", null)
            .required("workflowId", string()).required("status", oneOf("CANCEL_REQUESTED")).build();

    static final Schema RESUMED = object("Resumed", null)
            .required("workflowId", string()).required("status", oneOf("RESUMED")).build();

    static final Schema MIGRATED = object("Migrated", null)
            .required("workflowId", string()).required("status", oneOf("MIGRATED")).required("version", integer()).build();

    static final Schema ARTIFACTS = arrayOf(object("Artifact", "A stored blob of a run")
            .required("name", string()).required("contentType", string()).required("size", integer())
            .required("sha256", string()).required("createdAt", dateTime()).build());

    static final Schema ARTIFACT_STORED = object("ArtifactStored", "An upload (200 when the same content was there already)")
            .required("name", string()).required("contentType", string()).required("size", integer())
            .required("sha256", string()).required("replaced", bool()).build();

    static final Schema TASKS = arrayOf(object("Task", "A manual task, oldest due first")
            .required("workflowId", string()).required("businessKey", string()).required("template", string())
            .required("phase", string()).required("activityCode", string()).required("activityName", string())
            .required("activityType", string()).required("instanceId", string()).required("status", STEP_STATUS)
            .required("assigneeRole", string().nullable()).required("escalatedTo", string().nullable())
            .required("dueAt", dateTime().nullable())
            .required("startedAt", dateTime().nullable()).required("outcome", Schema.oneOf(Outcome.class).nullable())
            .required("completedBy", string().nullable()).required("completedAt", dateTime().nullable())
            .build());

    static final Schema ME = object("Me", "The caller")
            .required("username", string()).required("displayName", string().nullable()).required("roles", arrayOf(string())).build();

    static final Schema USER_CREATED = object("UserCreated", "A new user with its first personal token, shown once")
            .required("username", string()).required("displayName", string().nullable()).required("roles", arrayOf(string()))
            .required("token", string()).required("tokenId", integer()).build();

    static final Schema USER = object("User", null)
            .required("username", string()).required("displayName", string().nullable()).required("roles", arrayOf(string()))
            .required("disabled", bool()).required("hasPassword", bool()).required("createdAt", dateTime())
            .required("lastLoginAt", dateTime().nullable()).required("email", string().nullable()).build();

    static final Schema USERS = arrayOf(USER);

    static final Schema TOKENS = arrayOf(Schema.ofRecord(UserDirectory.TokenInfo.class));

    static final Schema TOKEN_ISSUED = object("TokenIssued", "A new personal token, shown once")
            .required("username", string()).required("tokenId", integer()).required("token", string()).build();

    static final Schema TOKEN_REVOKED = object("TokenRevoked", null)
            .required("username", string()).required("tokenId", integer()).required("revoked", bool()).build();

    static final Schema HANDLER_STATS = object("HandlerStatistics", "Handler performance over a window of the run records")
            .required("since", string("the window, an ISO-8601 duration"))
            .required("handlers", arrayOf(Schema.ofRecord(RunRecordQueries.HandlerStats.class))).build();

    static final Schema TASK_STATS = object("TaskStatistics", "Manual tasks now and their times to complete over a window")
            .required("since", string("the window, an ISO-8601 duration"))
            .required("tasks", arrayOf(Schema.ofRecord(RunRecordQueries.TaskStats.class))).build();
}
