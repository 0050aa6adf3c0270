package dev.cadre.platform.engine;

import dev.cadre.platform.plugins.HandlerProvenance;
import dev.cadre.platform.templates.ActivityTemplate;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;

/**
 * Step records for runs started before the workflow recorded step state itself: their workflow code
 * (kept behind {@code Workflow.getVersion}) still expects the activity to write the record and to
 * count attempts, because their retry options allow unlimited attempts. New runs never come here.
 */
final class LegacyStepRecords {

    private static final Duration MAX_HANDLER_WAIT_RETRY = Duration.ofSeconds(10);

    private final RunRecords records;

    LegacyStepRecords(RunRecords records) {
        this.records = records;
    }

    void started(ActivityInvocation invocation, HandlerProvenance provenance, int attempt) {
        if (attempt > invocation.maxAttempts()) {
            String reason = invocation.step() + " failed " + invocation.maxAttempts() + " times (its retry policy's maximum)";
            write(invocation, StepWrite.status(invocation.step(), invocation.parent(), StepStatus.FAILED).withError(reason));
            throw ApplicationFailure.newNonRetryableFailure(reason, "RetriesExhausted");
        }
        write(invocation, StepWrite.status(invocation.step(), invocation.parent(), StepStatus.RUNNING).withHandler(provenance, attempt));
    }

    void finished(ActivityInvocation invocation, ActivityTemplate activity, StepOutcome outcome) {
        StepWrite write = StepWrite.status(invocation.step(), invocation.parent(), outcome.status()).withOutput(outcome.output());
        if (outcome.status() == StepStatus.WAITING) {
            Object role = outcome.output().getOrDefault("assigneeRole", activity.config().get("assigneeRole"));
            write = write.withTask(role == null ? null : role.toString(), Instant.now().plusSeconds(activity.timeoutSeconds()));
        } else if (outcome.status() == StepStatus.SKIPPED) {
            write = write.withError(outcome.message());
        }
        write(invocation, write);
    }

    RuntimeException failed(ActivityInvocation invocation, String type, String message, boolean retryable, int attempt, Throwable cause) {
        boolean retry = retryable && !invocation.nonRetryableErrors().contains(type) && attempt < invocation.maxAttempts();
        StepStatus status = retry ? StepStatus.RUNNING : StepStatus.FAILED;
        write(invocation, StepWrite.status(invocation.step(), invocation.parent(), status).withError(type + ": " + message));
        return retry
                ? ApplicationFailure.newFailureWithCause(message, type, cause)
                : ApplicationFailure.newNonRetryableFailureWithCause(message, type, cause);
    }

    RuntimeException handlerMissing(ActivityInvocation invocation, String message, int attempt) {
        write(invocation, StepWrite.status(invocation.step(), invocation.parent(), StepStatus.PENDING)
                .withError(HandlerActivity.HANDLER_NOT_FOUND + ": " + message));
        long seconds = Math.min(MAX_HANDLER_WAIT_RETRY.toSeconds(), 1L << Math.min(attempt - 1, 10));
        return ApplicationFailure.newBuilder()
                .setMessage(message)
                .setType(HandlerActivity.HANDLER_NOT_FOUND)
                .setNextRetryDelay(Duration.ofSeconds(seconds))
                .build();
    }

    void compensated(ActivityInvocation invocation) {
        write(invocation, StepWrite.status(invocation.step(), invocation.parent(), StepStatus.COMPENSATED));
    }

    void compensationFailed(ActivityInvocation invocation, Throwable e) {
        write(invocation, StepWrite.status(invocation.step(), invocation.parent(), StepStatus.COMPLETED).withError("compensation failed: " + e));
    }

    private void write(ActivityInvocation invocation, StepWrite write) {
        records.step(invocation.workflowId(), write);
    }
}
