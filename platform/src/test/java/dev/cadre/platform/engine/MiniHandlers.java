package dev.cadre.platform.engine;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Handlers of the {@code mini} test template, each observable from the test. */
final class MiniHandlers {

    private MiniHandlers() {
    }

    /** Stores a value and records its compensations, so tests can check saga order. */
    static final class StoreHandler implements ActivityHandler {
        final List<String> compensated = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "StoreHandler";
        }

        @Override
        public ActivityResult execute(ActivityContext context) {
            context.artifacts().put("stored.txt", "text/plain", context.businessKey().getBytes());
            return ActivityResult.completed(Map.of("stored", context.businessKey()));
        }

        @Override
        public void compensate(ActivityContext context, ActivityResult completed) {
            compensated.add(context.workflowId() + ":" + context.activityCode() + ":" + completed.output().get("stored"));
        }
    }

    /** Fails its first {@code parameters.failTimes} attempts, then succeeds. */
    static final class FlakyHandler implements ActivityHandler {
        @Override
        public String name() {
            return "FlakyHandler";
        }

        @Override
        public ActivityResult execute(ActivityContext context) {
            long failTimes = ((Number) context.parameters().getOrDefault("failTimes", 0L)).longValue();
            if (context.attempt() <= failTimes) {
                throw ActivityFailure.retryable("SourceUnavailable", "flaky failure " + context.attempt());
            }
            return ActivityResult.completed(Map.of("attempt", context.attempt()));
        }
    }

    /** Measures how many instances run at once. */
    static final class ProbeHandler implements ActivityHandler {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();

        @Override
        public String name() {
            return "ProbeHandler";
        }

        @Override
        public ActivityResult execute(ActivityContext context) throws InterruptedException {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(300);
            } finally {
                running.decrementAndGet();
            }
            return ActivityResult.completed(Map.of("item", context.instance().orElseThrow()));
        }
    }
}
