package dev.cadre.platform.api;

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
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bodies of the admin API as swagger-models schemas, for the route table and so the OpenAPI
 * document. Request schemas are also what the endpoints accept: their property names are the fields
 * the endpoint reads, any other is refused. Records the API returns as they are are described from
 * their components. A named schema is a component of the document, and referenced by {@code $ref}
 * wherever it is used.
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    /** Every named schema, by name: the document's components. Filled as the constants below are built. */
    private static final Map<String, Schema<?>> NAMED = new TreeMap<>();

    /** The one error shape of every 4xx and 5xx. */
    static final Schema<?> ERROR = object("Error", "Every error: a short stable code, a sentence, and structured details or null")
            .required("error", string("short stable code, e.g. invalid_parameter"))
            .required("message", string("what went wrong, for people"))
            .required("details", nullable(anyObject("structured extras (a field, the allowed values, the missing role), or null")))
            .build();

    private static final Schema<?> RUN_STATUS = oneOf("RUNNING", "COMPLETED", "FAILED", "CANCELLED");
    private static final Schema<?> UP_DOWN = oneOf("UP", "DOWN");

    // --- requests: property names are the fields the endpoints accept

    static final Schema<?> START_WORKFLOW = object("StartWorkflow", "Starts a run of a template")
            .required("template", string("template code"))
            .optional("version", integer())
            .required("businessKey", string("what the run is about, e.g. a report id"))
            .optional("parameters", anyObject("start parameters, visible to expressions and handlers"))
            .build();

    static final Schema<?> COMPLETE_ACTIVITY = object("CompleteActivity", "A person's completion of a waiting manual activity")
            .optional("instanceId", string("the fan-out instance, for a parallel activity"))
            .required("outcome", oneOf(Outcome.class))
            .optional("completedBy", string("ignored: the caller is who completed it (kept for older clients)"))
            .optional("comment", string())
            .optional("data", anyObject("what the person entered"))
            .build();

    static final Schema<?> MIGRATE = object("Migrate", "Moves a RUNNING run to another version of its template")
            .required("version", integer())
            .optional("reason", string())
            .build();

    static final Schema<?> CREATE_USER = object("CreateUser", "A new user")
            .required("username", string("lower case letters, digits, '.', '_' or '-'"))
            .optional("displayName", string())
            .optional("password", string("at least 10 characters; without one the user signs in with tokens only"))
            .required("roles", arrayOf(string()))
            .optional("email", string("where deadline notices go"))
            .build();

    static final Schema<?> PATCH_USER = object("PatchUser", "Changes to a user; fields left out stay as they are")
            .optional("displayName", string())
            .optional("password", string())
            .optional("roles", arrayOf(string()))
            .optional("disabled", bool())
            .optional("email", string("where deadline notices go; null removes it"))
            .optional("revokeTokens", bool())
            .build();

    /** The template document: what import, validate and export exchange. */
    static final Schema<?> TEMPLATE_DOCUMENT = record(Template.class);

    // --- responses

    static final Schema<?> HEALTH = object("Health", "Up when the database, Temporal and the worker are")
            .required("status", UP_DOWN).required("db", UP_DOWN).required("temporal", UP_DOWN).required("worker", UP_DOWN)
            .required("plugins", object("PluginCounts", null).required("count", integer()).required("failed", integer()).build())
            .build();

    static final Schema<?> PLUGIN = object("Plugin", "A plugin JAR: provenance and state")
            .required("id", nullable(string())).required("version", nullable(string()))
            .required("provider", nullable(string())).required("description", nullable(string()))
            .required("state", oneOf(PluginStatus.class))
            .required("problem", nullable(oneOf(PluginProblem.class)))
            .required("reason", nullable(string("why it is not started")))
            .required("file", string()).required("sha256", nullable(string()))
            .required("handlers", arrayOf(string()))
            .optional("desiredState", nullable(string("ENABLED, DISABLED or REMOVED: what every host of the cluster moves towards")))
            .optional("loadedOn", arrayOf(string("a live host's id")))
            .build();

    static final Schema<?> PLUGINS = arrayOf(PLUGIN);

    static final Schema<?> OPENAPI = anyObject("an OpenAPI 3.0 document");

    static final Schema<?> CLUSTER = anyObject("The cluster: hosts (live and lost, each with its releases and handlers) and plugin releases");

    // --- the audit log and single sign-on

    static final Schema<?> AUDIT_EVENT = object("AuditEvent", "One recorded change to the platform")
            .required("id", integer()).required("at", dateTime()).required("actor", string()).required("action", string("e.g. plugin.install"))
            .required("target", nullable(string())).required("before", nullable(anyObject("the state before")))
            .required("after", nullable(anyObject("the state after"))).required("client", nullable(string("the client's address")))
            .required("override", bool()).build();

    static final Schema<?> AUDIT_PAGE = object("AuditEvents", "A page of the audit log, newest first")
            .required("events", arrayOf(AUDIT_EVENT))
            .required("nextCursor", nullable(string("pass as ?cursor= for the next (older) page; null on the last page"))).build();

    static final Schema<?> ROLE_MAPPING = object("RoleMapping", "The Cadre roles one value of the provider's roles claim grants")
            .required("claimValue", string("a value of CADRE_OIDC_ROLES_CLAIM, e.g. a group name"))
            .required("roles", arrayOf(string())).build();

    static final Schema<?> ROLE_MAPPINGS = object("RoleMappings", "Every single sign-on role mapping")
            .required("claim", string("the claim the values come from")).required("mappings", arrayOf(ROLE_MAPPING)).build();

    static final Schema<?> PUT_ROLE_MAPPINGS = object("RoleMappingsUpdate", "Replaces every single sign-on role mapping")
            .required("mappings", arrayOf(ROLE_MAPPING)).build();

    static final Schema<?> UNINSTALLED = object("Uninstalled", "A plugin removal: unloaded now, or still draining its running activities")
            .required("id", string()).required("version", nullable(string())).required("unloaded", bool()).required("openLeases", integer())
            .build();

    static final Schema<?> HANDLERS = mapOf(object("HandlerSource", null)
            .required("source", string("builtin or pluginId@version")).required("sha256", nullable(string())).build(), "handler name -> source");

    static final Schema<?> PROBLEM = record(Problem.class);

    static final Schema<?> STORED_TEMPLATE = object("StoredTemplate", "An imported or published template version")
            .required("code", string()).required("version", integer()).required("status", oneOf(TemplateStatus.class))
            .required("warnings", arrayOf(PROBLEM))
            .build();

    static final Schema<?> SIMULATION = record(dev.cadre.platform.simulation.Simulation.class);

    static final Schema<?> VALIDATION = object("Validation", "Every problem of a template document, with its path")
            .required("valid", bool()).required("problems", arrayOf(PROBLEM))
            .build();

    static final Schema<?> TEMPLATES = arrayOf(record(TemplateSummary.class));

    static final Schema<?> STARTED = object("Started", "A started run")
            .required("workflowId", string()).required("runId", string()).required("version", integer())
            .build();

    static final Schema<?> WORKFLOWS = arrayOf(object("WorkflowSummary", "A run, newest first")
            .required("workflowId", string()).required("runId", string()).required("template", string()).required("version", integer())
            .required("businessKey", string()).required("status", RUN_STATUS).required("currentPhase", nullable(string()))
            .required("error", nullable(string())).required("startedAt", dateTime()).required("completedAt", nullable(dateTime()))
            .build());

    private static final Schema<?> STEP_STATUS = oneOf(StepStatus.class);

    private static final Schema<?> PROVENANCE = object("Provenance", "Who ran a step")
            .required("source", nullable(string("builtin or pluginId@version"))).required("sha256", nullable(string()))
            .build();

    private static final Schema<?> ROUND = object("Round", "An earlier round of a step sent back for rework, as it ended")
            .required("round", integer()).required("status", STEP_STATUS).required("outcome", nullable(oneOf(Outcome.class)))
            .required("completedBy", nullable(string())).required("comment", nullable(string()))
            .required("reworkNote", nullable(string("why that round ran"))).required("lastError", nullable(string()))
            .required("startedAt", nullable(dateTime())).required("completedAt", nullable(dateTime()))
            .build();

    private static final Schema<?> EXECUTION = object("Execution", "One execution of a parallel activity (one fan-out instance)")
            .required("instanceId", string()).required("status", STEP_STATUS)
            .required("outcome", nullable(oneOf(Outcome.class))).required("retries", integer())
            .required("lastError", nullable(string())).required("provenance", PROVENANCE)
            .required("completedBy", nullable(string())).required("comment", nullable(string()))
            .required("assigneeRole", nullable(string())).required("dueAt", nullable(dateTime()))
            .required("startedAt", nullable(dateTime())).required("completedAt", nullable(dateTime()))
            .optional("round", integer()).optional("reworkNote", nullable(string("why it runs again")))
            .optional("earlierRounds", arrayOf(ROUND))
            .build();

    private static final Schema<?> ACTIVITY = object("Activity",
            "An activity of a run; a sequential one carries its execution's fields, a parallel one its instances")
            .required("code", string()).required("name", string()).required("type", string()).required("manual", bool())
            .required("executionMode", oneOf("sequential", "parallel")).required("handler", string()).required("status", STEP_STATUS)
            .optional("outcome", nullable(oneOf(Outcome.class))).optional("retries", integer())
            .optional("lastError", nullable(string())).optional("provenance", PROVENANCE)
            .optional("completedBy", nullable(string())).optional("comment", nullable(string()))
            .optional("assigneeRole", nullable(string())).optional("dueAt", nullable(dateTime()))
            .optional("startedAt", nullable(dateTime())).optional("completedAt", nullable(dateTime()))
            .optional("round", integer()).optional("reworkNote", nullable(string("why it runs again")))
            .optional("earlierRounds", arrayOf(ROUND))
            .optional("instances", arrayOf(EXECUTION))
            .optional("instanceCount", integer())
            .optional("instanceCounts", mapOf(integer(), "how many instances are in each status"))
            .build();

    static final Schema<?> WORKFLOW = object("Workflow", "A run with its phases, activities and instances (live=true: Temporal's view too)")
            .required("workflowId", string()).optional("runId", string()).required("template", string()).required("version", integer())
            .optional("businessKey", string()).optional("parameters", anyObject("start parameters"))
            .required("status", RUN_STATUS).required("currentPhase", nullable(string())).required("error", nullable(string()))
            .required("live", bool()).optional("startedAt", dateTime()).optional("completedAt", nullable(dateTime()))
            .optional("resumptions", arrayOf(object("Resumption", "When and why a run was continued from its records")
                    .required("resumedAt", dateTime()).required("fromStatus", RUN_STATUS).required("fromVersion", integer())
                    .required("toVersion", integer()).required("reason", string()).build()))
            .optional("taskEvents", arrayOf(object("TaskEvent", "A deadline step of a manual task that fired")
                    .required("activityCode", string()).required("instanceId", string())
                    .required("event", oneOf("remind", "reassign", "escalate", "complete")).required("role", nullable(string()))
                    .required("dueAt", nullable(dateTime())).required("note", nullable(string())).required("occurredAt", dateTime())
                    .build()))
            .optional("history", nullable(object("History", "How close the run is to Temporal's history limits (warning at 10,240 events)")
                    .required("executions", integer()).required("maxEvents", integer()).build()))
            .required("phases", arrayOf(object("Phase", null)
                    .required("name", string()).required("order", integer()).required("executionMode", oneOf("sequential", "parallel"))
                    .required("status", oneOf("PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"))
                    .required("activities", arrayOf(ACTIVITY)).build()))
            .build();

    static final Schema<?> COMPLETED = object("CompletionAccepted", "The workflow took the completion")
            .required("workflowId", string()).required("step", string()).required("outcome", oneOf(Outcome.class))
            .build();

    static final Schema<?> CANCEL_REQUESTED = object("CancelRequested", null)
            .required("workflowId", string()).required("status", oneOf("CANCEL_REQUESTED")).build();

    static final Schema<?> RESUMED = object("Resumed", null)
            .required("workflowId", string()).required("status", oneOf("RESUMED")).build();

    static final Schema<?> RETRIED = object("Retried", null)
            .required("workflowId", string()).required("status", oneOf("RETRIED")).build();

    static final Schema<?> REASON = object("Reason", "Why an operator acts on a run; kept in the run's resumptions and the audit log")
            .optional("reason", string())
            .build();

    static final Schema<?> CLAIM_TASK = object("ClaimTask", "Optional: which instance of a fan-out task (or the instanceId query parameter)")
            .optional("instanceId", string())
            .build();

    static final Schema<?> MIGRATED = object("Migrated", null)
            .required("workflowId", string()).required("status", oneOf("MIGRATED")).required("version", integer()).build();

    static final Schema<?> ARTIFACTS = arrayOf(object("Artifact", "A stored blob of a run")
            .required("name", string()).required("contentType", string()).required("size", integer())
            .required("sha256", string()).required("createdAt", dateTime()).build());

    static final Schema<?> ARTIFACT_STORED = object("ArtifactStored", "An upload (200 when the same content was there already)")
            .required("name", string()).required("contentType", string()).required("size", integer())
            .required("sha256", string()).required("replaced", bool()).build();

    static final Schema<?> PARAMETER_FILE = object("ParameterFile", "A fan-out's elements, named in a start as {\"$file\": id}")
            .required("id", string()).required("elements", integer()).required("size", integer()).required("sha256", string())
            .required("uploadedBy", string()).required("uploadedAt", dateTime()).build();

    static final Schema<?> TASKS = arrayOf(object("Task", "A manual task, oldest due first")
            .required("workflowId", string()).required("businessKey", string()).required("template", string())
            .required("phase", string()).required("activityCode", string()).required("activityName", string())
            .required("activityType", string()).required("instanceId", string()).required("status", STEP_STATUS)
            .required("assigneeRole", nullable(string())).required("escalatedTo", nullable(string()))
            .required("dueAt", nullable(dateTime()))
            .required("startedAt", nullable(dateTime())).required("outcome", nullable(oneOf(Outcome.class)))
            .required("completedBy", nullable(string())).required("completedAt", nullable(dateTime()))
            .required("assignedTo", nullable(string("the person it is assigned to (config.assignee), or null: its role's")))
            .required("claimedBy", nullable(string("who has claimed it while it waits"))).required("claimedAt", nullable(dateTime()))
            .build());

    static final Schema<?> CLAIM = object("TaskClaim", "Who has a waiting task (claimedBy null after an unclaim)")
            .required("workflowId", string()).required("step", string("CODE or CODE[instance]"))
            .required("claimedBy", nullable(string())).required("claimedAt", nullable(dateTime()))
            .build();

    static final Schema<?> ME = object("Me", "The caller")
            .required("username", string()).required("displayName", nullable(string())).required("roles", arrayOf(string())).build();

    static final Schema<?> USER_CREATED = object("UserCreated", "A new user with its first personal token, shown once")
            .required("username", string()).required("displayName", nullable(string())).required("roles", arrayOf(string()))
            .required("token", string()).required("tokenId", integer()).build();

    static final Schema<?> USER = object("User", null)
            .required("username", string()).required("displayName", nullable(string())).required("roles", arrayOf(string()))
            .required("disabled", bool()).required("hasPassword", bool()).required("createdAt", dateTime())
            .required("lastLoginAt", nullable(dateTime())).required("email", nullable(string())).build();

    static final Schema<?> USERS = arrayOf(USER);

    static final Schema<?> TOKENS = arrayOf(record(UserDirectory.TokenInfo.class));

    static final Schema<?> TOKEN_ISSUED = object("TokenIssued", "A new personal token, shown once")
            .required("username", string()).required("tokenId", integer()).required("token", string()).build();

    static final Schema<?> TOKEN_REVOKED = object("TokenRevoked", null)
            .required("username", string()).required("tokenId", integer()).required("revoked", bool()).build();

    static final Schema<?> HANDLER_STATS = object("HandlerStatistics", "Handler performance over a window of the run records")
            .required("since", string("the window, an ISO-8601 duration"))
            .required("handlers", arrayOf(record(RunRecordQueries.HandlerStats.class))).build();

    static final Schema<?> TASK_STATS = object("TaskStatistics", "Manual tasks now and their times to complete over a window")
            .required("since", string("the window, an ISO-8601 duration"))
            .required("tasks", arrayOf(record(RunRecordQueries.TaskStats.class))).build();

    /** @return the named schemas, by name, for {@code components/schemas} */
    static Map<String, Schema<?>> components() {
        return Map.copyOf(NAMED);
    }

    /** @return the property names of an object schema: the fields a request body may have */
    static Set<String> fields(Schema<?> schema) {
        return schema.getProperties() == null ? Set.of() : Set.copyOf(schema.getProperties().keySet());
    }

    /** @return {@code $ref} to a named schema, else the schema itself */
    static Schema<?> use(Schema<?> schema) {
        return schema.getName() == null ? schema : new Schema<>().$ref(schema.getName());
    }

    private static Schema<?> string() {
        return new StringSchema();
    }

    private static Schema<?> string(String description) {
        return new StringSchema().description(description);
    }

    private static Schema<?> integer() {
        return new IntegerSchema().format("int64");
    }

    private static Schema<?> number() {
        return new NumberSchema().format("double");
    }

    private static Schema<?> bool() {
        return new BooleanSchema();
    }

    private static Schema<?> dateTime() {
        return new DateTimeSchema();
    }

    /** @return a string that is one of the values */
    private static Schema<?> oneOf(String... values) {
        return new StringSchema()._enum(List.of(values));
    }

    /** @return a string that is one of the enum's constants as JSON writes them (its {@code @JsonValue}, else its name) */
    private static Schema<?> oneOf(Class<? extends Enum<?>> type) {
        Method jsonValue = Arrays.stream(type.getMethods())
                .filter(m -> m.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonValue.class)).findFirst().orElse(null);
        return oneOf(Arrays.stream(type.getEnumConstants()).map(constant -> jsonName(constant, jsonValue)).toArray(String[]::new));
    }

    private static String jsonName(Enum<?> constant, Method jsonValue) {
        if (jsonValue == null) {
            return constant.name();
        }
        try {
            return String.valueOf(jsonValue.invoke(constant));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the JSON name of " + constant, e);
        }
    }

    /** @return any JSON object (parameters, outputs, config, task data) */
    private static Schema<?> anyObject(String description) {
        return new ObjectSchema().additionalProperties(true).description(description);
    }

    /** @return an object whose keys are free and whose values follow {@code values} */
    private static Schema<?> mapOf(Schema<?> values, String description) {
        return new ObjectSchema().additionalProperties(use(values)).description(description);
    }

    private static Schema<?> arrayOf(Schema<?> items) {
        return new ArraySchema().items(use(items));
    }

    /** @return the schema where {@code null} is allowed too (a named one wrapped, as OpenAPI 3.0 has no nullable {@code $ref}) */
    private static Schema<?> nullable(Schema<?> schema) {
        if (schema.getName() != null) {
            return new ComposedSchema().allOf(List.of(use(schema))).type("object").nullable(true);
        }
        return schema.nullable(true);
    }

    private static Props object(String name, String description) {
        return new Props(name, description);
    }

    /**
     * The schema of a record as Jackson writes it: one required property per component (primitives can
     * never be null, the others may be), except components Jackson leaves out when null
     * ({@code @JsonInclude(NON_NULL)}), which are optional; records inside it as named schemas of their own.
     */
    private static Schema<?> record(Class<? extends Record> type) {
        Schema<?> known = NAMED.get(type.getSimpleName());
        if (known != null) {
            return known;
        }
        Props object = object(type.getSimpleName(), null);
        for (RecordComponent component : type.getRecordComponents()) {
            Schema<?> schema = of(component.getGenericType());
            // the annotation lands on the accessor: JsonInclude does not target record components
            var include = component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonInclude.class);
            if (include != null && (include.value() == com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL
                    || include.value() == com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)) {
                // Jackson leaves these out when null (or empty): optional
                object.optional(component.getName(), schema);
            } else {
                object.required(component.getName(), component.getType().isPrimitive() ? schema : nullable(schema));
            }
        }
        return object.build();
    }

    @SuppressWarnings("unchecked")
    private static Schema<?> of(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                return arrayOf(of(parameterized.getActualTypeArguments()[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return anyObject("a JSON object");
            }
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return string();
        }
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            return integer();
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return number();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return bool();
        }
        if (raw == Instant.class) {
            return dateTime();
        }
        if (raw.isEnum()) {
            return oneOf((Class<? extends Enum<?>>) raw);
        }
        if (raw.isRecord()) {
            return record((Class<? extends Record>) raw);
        }
        if (raw == Object.class) {
            return new Schema<>().description("any JSON value");
        }
        throw new IllegalArgumentException("no schema for " + type);
    }

    /** A named object schema, property by property; built, it is a component. */
    private static final class Props {
        private final ObjectSchema schema = new ObjectSchema();

        private Props(String name, String description) {
            schema.name(name);
            schema.description(description);
        }

        /** A property that is always present (in a request: must be sent). */
        Props required(String property, Schema<?> value) {
            schema.addRequiredItem(property);
            return optional(property, value);
        }

        /** A property that may be left out. */
        Props optional(String property, Schema<?> value) {
            schema.addProperty(property, use(value));
            return this;
        }

        Schema<?> build() {
            NAMED.put(schema.getName(), schema);
            return schema;
        }
    }
}
