package dev.cadre.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.engine.CompletionRefusedException;
import dev.cadre.platform.engine.RecoveryRefusedException;
import dev.cadre.platform.engine.TemporalTimeoutException;
import dev.cadre.platform.users.UserException;
import dev.cadre.platform.engine.WorkflowNotFoundException;
import dev.cadre.platform.plugins.PluginException;
import dev.cadre.platform.text.ControlCharacters;
import dev.cadre.platform.runs.ArtifactRefusedException;
import dev.cadre.platform.templates.InvalidFormException;
import dev.cadre.platform.runs.TaskForbiddenException;
import dev.cadre.platform.templates.InvalidTemplateException;
import dev.cadre.platform.templates.TemplateNotFoundException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.ExceptionHandler;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into the one JSON error body, one handler per exception type (Undertow's
 * {@link ExceptionHandler}, first match wins). Known failures say what was wrong; anything else is a bug:
 * logged with an id, and the client gets only that id, never a stack trace.
 */
final class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private final ObjectMapper mapper;

    ErrorHandling(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @return {@code next} with the error mapping around it, and the request's path and query refused (400) when
     *         they hold a control character, before any route (API or console) sees them
     */
    HttpHandler around(HttpHandler next) {
        ExceptionHandler handler = new ExceptionHandler(exchange -> {
            refuseControlCharacters(exchange);
            next.handleRequest(exchange);
        });
        on(handler, ApiException.class, e -> new Answer(e.status(), new ApiError(e.code(), e.getMessage(), e.details())));
        on(handler, RequestTooBigException.class, e -> new Answer(413, new ApiError("payload_too_large",
                "the request body is larger than the limit of this route", null)));
        on(handler, JsonProcessingException.class, e -> new Answer(400, body(Call.malformed(e))));
        on(handler, TemplateNotFoundException.class, e -> new Answer(404, new ApiError("template_not_found", e.getMessage(), null)));
        on(handler, InvalidTemplateException.class, ErrorHandling::invalidTemplate);
        on(handler, dev.cadre.platform.templates.ScenariosFailedException.class, e -> new Answer(409, new ApiError("scenarios_failed",
                e.getMessage(), java.util.Map.of("scenarios", e.failures()))));
        on(handler, dev.cadre.platform.simulation.SimulationException.class, e -> new Answer(400, new ApiError("simulation_failed",
                e.getMessage(), null)));
        on(handler, dev.cadre.platform.templates.InvalidParametersException.class, e -> new Answer(400, new ApiError("invalid_parameters",
                e.getMessage(), java.util.Map.of("problems", e.problems()))));
        on(handler, dev.cadre.platform.templates.UnresolvedPinException.class, e -> new Answer(409, new ApiError("unresolved_handler_version",
                e.getMessage(), java.util.Map.of("steps", e.steps()))));
        on(handler, dev.cadre.platform.cluster.ReleaseInUseException.class, e -> new Answer(409, new ApiError("release_in_use",
                e.getMessage(), java.util.Map.of("templateVersions", e.templateVersions(), "runs", e.runs()))));
        on(handler, PluginException.class, ErrorHandling::plugin);
        on(handler, WorkflowNotFoundException.class, e -> new Answer(404, new ApiError("workflow_not_found", e.getMessage(), null)));
        on(handler, TaskForbiddenException.class, e -> new Answer(403, new ApiError("forbidden", e.getMessage(),
                java.util.Map.of("missingRole", e.missingRole()))));
        on(handler, ArtifactRefusedException.class, e -> new Answer(e.reason().status(), new ApiError(e.reason().code(), e.getMessage(), e.details())));
        on(handler, InvalidFormException.class, e -> new Answer(400, new ApiError("invalid_field", e.getMessage(),
                e.field() == null ? null : java.util.Map.of("field", e.field()))));
        on(handler, dev.cadre.platform.runs.TaskClaimedException.class, e -> new Answer(409, new ApiError("task_claimed", e.getMessage(),
                Map.of("claimedBy", e.holder()))));
        on(handler, CompletionRefusedException.class, e -> new Answer(409, new ApiError("completion_refused", e.getMessage(), null)));
        on(handler, UserException.class, e -> new Answer(switch (e.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        }, new ApiError(switch (e.kind()) {
            case INVALID -> "invalid_user";
            case NOT_FOUND -> "user_not_found";
            case CONFLICT -> "user_exists";
        }, e.getMessage(), null)));
        on(handler, RecoveryRefusedException.class, e -> new Answer(409, new ApiError("recovery_refused", e.getMessage(),
                java.util.Map.of("reasons", e.reasons()))));
        on(handler, TemporalTimeoutException.class, e -> new Answer(503, new ApiError("temporal_timeout", e.getMessage(), null)));
        on(handler, StatusRuntimeException.class, this::grpc);
        on(handler, IOException.class, e -> new Answer(400, new ApiError("unreadable_request", "the request could not be read", null)));
        on(handler, Throwable.class, this::bug);
        return handler;
    }

    /** A NUL or a line break in a path or query would reach file names, SQL and the log; nothing needs one. */
    private static void refuseControlCharacters(HttpServerExchange exchange) {
        if (ControlCharacters.inLine(exchange.getRequestPath()) || ControlCharacters.inLine(exchange.getQueryString())) {
            throw ApiException.badRequest("control_character", "the request path holds a control character");
        }
        exchange.getQueryParameters().forEach((name, values) -> {
            if (ControlCharacters.inLine(name) || values.stream().anyMatch(ControlCharacters::inLine)) {
                throw ApiException.badRequest("control_character", "a query parameter holds a control character");
            }
        });
    }

    /** Writes an error answer; also used outside the exception mapping (shutdown). */
    void write(HttpServerExchange exchange, int status, ApiError error) {
        if (exchange.isResponseStarted()) {
            // a download broke half-way: the status is sent, closing is all that is left
            exchange.endExchange();
            return;
        }
        if (!exchange.isRequestComplete()) {
            // the body was refused unread (too large, no token): close after answering, so no client reuses a connection
            // that still carries the rest of it
            exchange.setPersistent(false);
        }
        try {
            Call.send(exchange, status, "application/json", mapper.writeValueAsBytes(error));
        } catch (JsonProcessingException e) {
            Call.send(exchange, 500, "application/json", "{\"error\":\"internal_error\",\"message\":\"error body unwritable\",\"details\":null}".getBytes());
        }
    }

    private record Answer(int status, ApiError error) {
    }

    private <T extends Throwable> void on(ExceptionHandler handler, Class<T> type, Function<T, Answer> mapping) {
        handler.addExceptionHandler(type, exchange -> {
            Throwable thrown = exchange.getAttachment(ExceptionHandler.THROWABLE);
            Answer answer;
            try {
                answer = mapping.apply(type.cast(thrown));
            } catch (RuntimeException e) {
                answer = bug(e);
            }
            write(exchange, answer.status(), answer.error());
        });
    }

    private static ApiError body(ApiException e) {
        return new ApiError(e.code(), e.getMessage(), e.details());
    }

    /** Errors reject the document (400); warnings alone mean publishing met unknown handlers (409: install them or force). */
    private static Answer invalidTemplate(InvalidTemplateException e) {
        Object problems = e.report() == null ? java.util.List.of() : TemplateResource.problems(e.report());
        boolean errors = e.report() == null || e.report().hasErrors();
        return new Answer(errors ? 400 : 409, new ApiError(errors ? "invalid_template" : "unknown_handlers", e.getMessage(), problems));
    }

    private static Answer plugin(PluginException e) {
        int status = switch (e.problem()) {
            case NOT_FOUND -> 404;
            case HANDLER_CONFLICT, MISSING_DEPENDENCY -> 409;
            case NOT_ALLOWED -> 403;
            case INVALID_JAR, INCOMPATIBLE, HANDLER_ERROR, LOAD_TIMEOUT -> 400;
            case IO_ERROR -> 500;
        };
        if (status == 500) {
            log.error("Plugin storage failed: {}", e.getMessage());
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("problem", e.problem().name());
        details.put("pluginId", e.pluginId());
        return new Answer(status, new ApiError(status == 404 ? "plugin_not_found" : "plugin_" + e.problem().name().toLowerCase(java.util.Locale.ROOT),
                e.getMessage(), details));
    }

    private Answer grpc(StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
            log.warn("Temporal is not reachable: {}", e.getMessage());
            return new Answer(503, new ApiError("temporal_unavailable", "Temporal is not reachable; try again shortly", null));
        }
        return bug(e);
    }

    private Answer bug(Throwable e) {
        String id = UUID.randomUUID().toString();
        log.error("Admin request failed unexpectedly (error id {})", id, e);
        return new Answer(500, new ApiError("internal_error", "unexpected error; the host log has the details under this id",
                Map.of("errorId", id)));
    }
}
