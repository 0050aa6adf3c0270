package dev.cadre.platform.console;

import dev.cadre.platform.engine.CompletionRefusedException;
import dev.cadre.platform.engine.RecoveryRefusedException;
import dev.cadre.platform.engine.WorkflowNotFoundException;
import dev.cadre.platform.plugins.PluginException;
import dev.cadre.platform.runs.ArtifactRefusedException;
import dev.cadre.platform.templates.InvalidFormException;
import dev.cadre.platform.runs.TaskForbiddenException;
import dev.cadre.platform.templates.InvalidTemplateException;
import dev.cadre.platform.templates.TemplateNotFoundException;
import dev.cadre.platform.users.UserException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a console request failed with into an error page: known failures say what was wrong in
 * words for the person; anything else is a bug, logged with an id that the page shows instead of details.
 */
final class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    private final Pages pages;

    ConsoleErrors(Pages pages) {
        this.pages = pages;
    }

    /** Renders the error page for {@code failure}, unless the answer has already started. */
    void render(Visit visit, Throwable failure) {
        if (visit.exchange().isResponseStarted()) {
            visit.exchange().endExchange();
            return;
        }
        if (!visit.exchange().isRequestComplete()) {
            visit.exchange().setPersistent(false); // a refused body may still be arriving
        }
        int status;
        String message;
        if (failure instanceof ConsoleException e) {
            status = e.status();
            message = e.getMessage();
        } else if (failure instanceof TaskForbiddenException e) {
            status = 403;
            message = "You cannot complete this task: " + e.getMessage() + ".";
        } else if (failure instanceof ArtifactRefusedException e) {
            status = e.reason().status();
            message = e.getMessage() + ".";
        } else if (failure instanceof InvalidFormException e) {
            status = 400;
            message = e.getMessage() + ".";
        } else if (failure instanceof dev.cadre.platform.runs.TaskClaimedException) {
            status = 409;
            message = failure.getMessage() + ".";
        } else if (failure instanceof CompletionRefusedException || failure instanceof RecoveryRefusedException) {
            status = 409;
            message = failure.getMessage();
        } else if (failure instanceof dev.cadre.platform.engine.TemporalTimeoutException) {
            status = 503;
            message = failure.getMessage();
        } else if (failure instanceof WorkflowNotFoundException || failure instanceof TemplateNotFoundException) {
            status = 404;
            message = failure.getMessage();
        } else if (failure instanceof InvalidTemplateException || failure instanceof UserException) {
            status = 400;
            message = failure.getMessage();
        } else if (failure instanceof PluginException e) {
            status = switch (e.problem()) {
                case NOT_FOUND -> 404;
                case NOT_ALLOWED -> 403;
                case IO_ERROR -> 500;
                default -> 400;
            };
            message = e.getMessage();
        } else {
            String id = UUID.randomUUID().toString();
            log.error("Console request {} {} failed (error id {})", visit.exchange().getRequestMethod(), visit.exchange().getRequestPath(), id,
                    failure);
            status = 500;
            message = "Something went wrong on the host. The administrator can find error id " + id + " in its log.";
        }
        pages.render(visit, status, "error", status == 403 ? "Not allowed" : "Error " + status, Map.of("status", status, "message", message));
    }
}
