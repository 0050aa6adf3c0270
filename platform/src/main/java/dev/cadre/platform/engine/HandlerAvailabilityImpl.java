package dev.cadre.platform.engine;

import dev.cadre.platform.plugins.HandlerRegistry;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers {@link HandlerAvailability} from the host's handler registry. */
public final class HandlerAvailabilityImpl implements HandlerAvailability {

    private static final Logger log = LoggerFactory.getLogger(HandlerAvailabilityImpl.class);

    private final HandlerRegistry registry;

    /** @param registry the host's handlers */
    public HandlerAvailabilityImpl(HandlerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void awaitHandler(String handlerName) {
        if (registry.knows(handlerName)) {
            return;
        }
        int attempt = Activity.getExecutionContext().getInfo().getAttempt();
        String message = StepFailures.handlerMissingMessage(handlerName);
        if (attempt == 1 || attempt % 50 == 0) {
            log.warn("{} (workflow {}, check {})", message, Activity.getExecutionContext().getInfo().getWorkflowId(), attempt);
        }
        throw ApplicationFailure.newFailure(message, StepFailures.HANDLER_NOT_FOUND);
    }

    @Override
    public boolean served(String handlerName) {
        return registry.knows(handlerName);
    }
}
