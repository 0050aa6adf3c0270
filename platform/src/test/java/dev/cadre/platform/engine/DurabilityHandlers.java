package dev.cadre.platform.engine;

import dev.cadre.plugin.api.ActivityContext;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugin.api.ActivityHandler;
import dev.cadre.plugin.api.ActivityResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** Handlers of the {@code durable} template: one whose rollback throws, one that is broken until fixed, one slow once. */
final class DurabilityHandlers {

    private DurabilityHandlers() {
    }

    /** Stores the business key; its compensation throws when {@code parameters.compensationFails}. */
    static final class DurableStoreHandler implements ActivityHandler {
        final List<String> compensationAttempts = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "DurableStoreHandler";
        }

        @Override
        public ActivityResult execute(ActivityContext context) {
            context.artifacts().put("stored.txt", "text/plain", context.businessKey().getBytes());
            return ActivityResult.completed(Map.of("stored", context.businessKey()));
        }

        @Override
        public void compensate(ActivityContext context, ActivityResult completed) {
            compensationAttempts.add(context.workflowId() + "#" + context.attempt());
            if (Boolean.TRUE.equals(context.parameters().get("compensationFails"))) {
                throw new IllegalStateException("the store refuses to forget " + completed.output().get("stored"));
            }
        }
    }

    /** Fails for good while broken (a plugin bug), succeeds once fixed (the plugin upgraded). */
    static final class SwitchHandler implements ActivityHandler {
        final AtomicBoolean broken = new AtomicBoolean();

        @Override
        public String name() {
            return "SwitchHandler";
        }

        @Override
        public ActivityResult execute(ActivityContext context) {
            if (broken.get() || Boolean.TRUE.equals(context.parameters().get("switchBroken"))) {
                throw ActivityFailure.nonRetryable("Broken", "the switch is broken");
            }
            return ActivityResult.completed(Map.of("switched", true));
        }
    }

    /**
     * With {@code parameters.slowFirst}, its first attempt outlives the step's 2 s timeout and finishes
     * after the retry has completed; later attempts are quick.
     */
    static final class LateHandler implements ActivityHandler {
        final CountDownLatch lateAttemptFinished = new CountDownLatch(1);
        /** workflow id -> the trail the handler saw */
        final java.util.Map<String, List<dev.cadre.plugin.api.RunStep>> trails = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public String name() {
            return "LateHandler";
        }

        @Override
        public ActivityResult execute(ActivityContext context) {
            trails.put(context.workflowId() + "@" + context.templateCode() + "/" + context.templateVersion(), context.steps());
            if (context.attempt() == 1 && Boolean.TRUE.equals(context.parameters().get("slowFirst"))) {
                long until = System.nanoTime() + 5_000_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        // keep going: a late attempt that ignores its timeout is the point
                    }
                }
                lateAttemptFinished.countDown();
                return ActivityResult.completed(Map.of("attempt", 1, "late", true));
            }
            return ActivityResult.completed(Map.of("attempt", context.attempt()));
        }
    }
}
