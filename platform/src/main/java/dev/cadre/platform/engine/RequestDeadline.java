package dev.cadre.platform.engine;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A deadline for calls to Temporal made on behalf of an HTTP request. A workflow update (a person's completion)
 * long-polls Temporal until the workflow has run it, in a loop with no end of its own: a run that cannot take
 * the update parked HTTP threads for minutes after their clients gave up. Inside {@link #call}, every gRPC call
 * inherits the deadline through the gRPC {@link Context}, so the whole operation ends by then.
 */
final class RequestDeadline {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cadre-request-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration limit;

    /** @param limit how long one call may take */
    RequestDeadline(Duration limit) {
        this.limit = limit;
    }

    /** @return the limit */
    Duration limit() {
        return limit;
    }

    /**
     * @param what what is being done (for the error)
     * @param call the call to Temporal
     * @return its answer
     * @throws TemporalTimeoutException when it did not end within the limit
     */
    <T> T call(String what, Supplier<T> call) {
        Context.CancellableContext context = Context.current().withDeadlineAfter(limit.toMillis(), TimeUnit.MILLISECONDS, TIMER);
        try {
            return context.call(call::get);
        } catch (WorkflowUpdateTimeoutOrCancelledException e) {
            throw new TemporalTimeoutException(what, limit, e);
        } catch (WorkflowServiceException | StatusRuntimeException e) {
            if (context.isCancelled() || deadlineExceeded(e)) {
                throw new TemporalTimeoutException(what, limit, e);
            }
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        } finally {
            context.cancel(null);
        }
    }

    private static boolean deadlineExceeded(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException status && (status.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
                    || status.getStatus().getCode() == Status.Code.CANCELLED)) {
                return true;
            }
        }
        return false;
    }
}
