package dev.cadre.platform.engine;

import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Runs fan-out instances concurrently, at most a given number at once. The first failure stops the
 * launching and cancels the instances still running; so does a stop request. Workflow code.
 */
final class InstancePool {

    private InstancePool() {
    }

    /**
     * @param instances instance key -> fan-out element, in launch order
     * @param cap       how many may run at once
     * @param stop      whether to stop launching and cancel the running instances (no failure)
     * @param instance  runs one instance to its end
     * @throws RuntimeException the first instance's failure, once every instance has ended
     */
    static void run(Map<String, Object> instances, int cap, BooleanSupplier stop, BiConsumer<String, Object> instance) {
        int[] running = {0};
        RuntimeException[] failure = {null};
        CancellationScope scope = Workflow.newCancellationScope(() -> {
            for (Map.Entry<String, Object> entry : instances.entrySet()) {
                Workflow.await(() -> running[0] < cap || failure[0] != null || stop.getAsBoolean());
                if (failure[0] != null || stop.getAsBoolean()) {
                    return;
                }
                running[0]++;
                Async.procedure(() -> {
                    try {
                        instance.accept(entry.getKey(), entry.getValue());
                    } catch (RuntimeException e) {
                        if (failure[0] == null && !stop.getAsBoolean()) {
                            failure[0] = e;
                        }
                    } finally {
                        running[0]--;
                    }
                });
            }
        });
        scope.run(); // returns once every instance has been launched, or on the first failure
        Workflow.await(() -> running[0] == 0 || failure[0] != null || stop.getAsBoolean());
        if (failure[0] != null || running[0] > 0) {
            scope.cancel(failure[0] != null ? "an instance failed" : "stopped");
            Workflow.await(() -> running[0] == 0);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
