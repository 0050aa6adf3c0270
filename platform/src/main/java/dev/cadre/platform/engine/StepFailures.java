package dev.cadre.platform.engine;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/**
 * The engine's own failure types, how they are built and how a failure is described on a step's
 * record: the one place the handler activity, the dispatcher and the bookkeeping agree on them.
 */
final class StepFailures {

    /** No loaded plugin or built-in provides the handler: the workflow waits for one, using up no attempt. */
    static final String HANDLER_NOT_FOUND = "HandlerNotFound";
    /** An attempt could not reach the host's database: the workflow waits and runs it again, using up no attempt. */
    static final String DATABASE_UNAVAILABLE = "DatabaseUnavailable";
    /** A compensation threw. */
    static final String COMPENSATION_FAILED = "CompensationFailed";
    /** A handler returned no result, or an output that is not JSON. */
    static final String INVALID_RESULT = "InvalidResult";
    /** A handler's output is larger than a step output may be. */
    static final String OUTPUT_TOO_LARGE = "OutputTooLarge";
    /** A handler activity names an activity its run's template does not have. */
    static final String INVALID_INVOCATION = "InvalidInvocation";
    /** A handler activity ran before its run's start was recorded (retried). */
    static final String RUN_NOT_RECORDED = "RunNotRecorded";
    /** A record read found no run. */
    static final String RUN_NOT_FOUND = "RunNotFound";
    /** A run was started on a template version that does not exist. */
    static final String TEMPLATE_NOT_FOUND = "TemplateNotFound";
    /** A parameter file a fan-out reads is gone (or this host cannot read files). */
    static final String PARAMETER_FILE_NOT_FOUND = "ParameterFileNotFound";
    /** The type a failed run ends with. */
    static final String WORKFLOW_FAILED = "WorkflowFailed";

    /** How often a compensation is tried before it is recorded as failed. */
    static final int COMPENSATION_ATTEMPTS = 3;

    private StepFailures() {
    }

    /** @return the failure of an attempt that found no handler; the workflow waits for one */
    static ApplicationFailure handlerNotFound(String handlerName, StepAttempt attempt) {
        return ApplicationFailure.newNonRetryableFailure(handlerMissingMessage(handlerName), HANDLER_NOT_FOUND, attempt);
    }

    /** @return why a handler is missing, as the step's record and the host's log say it */
    static String handlerMissingMessage(String handlerName) {
        return "no loaded plugin or built-in provides handler '" + handlerName + "'; waiting for it to be installed";
    }

    /** @return the failure of an attempt that could not reach the database; the workflow waits and runs it again */
    static ApplicationFailure databaseUnavailable(Throwable cause, StepAttempt attempt) {
        return ApplicationFailure.newNonRetryableFailureWithCause("the host's database is unavailable: " + message(cause),
                DATABASE_UNAVAILABLE, cause, attempt);
    }

    /** @return whether the failure is the host's, not the handler's: it uses up none of the step's attempts */
    static boolean notTheHandlers(String type) {
        return HANDLER_NOT_FOUND.equals(type) || DATABASE_UNAVAILABLE.equals(type);
    }

    /** @return the failure type an activity failure carries, or {@code null} */
    static String typeOf(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure application ? application.getType() : null;
    }

    /** @return the innermost meaningful message of an activity failure: type and message */
    static String describe(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) {
            return application.getType() + ": " + application.getOriginalMessage();
        }
        if (cause instanceof TimeoutFailure timeout) {
            return "timed out (" + timeout.getTimeoutType() + ")";
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }

    /** @return the attempt details a failed handler execution carried, if any */
    static StepAttempt attemptOf(ActivityFailure failure) {
        if (failure.getCause() instanceof ApplicationFailure application && application.getDetails().getSize() > 0) {
            try {
                return application.getDetails().get(0, StepAttempt.class);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** @return a throwable's message, or its name when it has none */
    static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
