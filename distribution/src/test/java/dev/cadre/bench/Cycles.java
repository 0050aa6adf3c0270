package dev.cadre.bench;

import dev.cadre.platform.engine.WorkflowResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** How one benchmark cycle is started, and how its end is awaited: on the Temporal result, not by polling. */
interface Cycles {

    /** How long a cycle's result is waited for. */
    long RESULT_MINUTES = 15;

    /** @return engine, lean or static */
    String name();

    /**
     * @param businessKey the run's business key
     * @return the run's workflow id and its steps run, once it has ended
     */
    Started start(String businessKey) throws Exception;

    /** A started cycle. */
    record Started(String workflowId, CompletableFuture<Integer> steps) {
    }

    /**
     * @param host   the host's REST API: {@code POST /api/workflows} starts the cycle, as a user does
     * @param client a Temporal client of the benchmark process, whose result wait stands in for the user's
     * @return the template engine's cycles
     */
    static Cycles engine(HostClient host, WorkflowClient client) {
        return new Cycles() {
            @Override
            public String name() {
                return "engine";
            }

            @Override
            public Started start(String businessKey) throws Exception {
                String workflowId = host.startWorkflow(BenchTemplates.CYCLE, businessKey, BenchTemplates.CYCLE_PARAMETERS);
                WorkflowStub run = client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
                return new Started(workflowId, run.getResultAsync(RESULT_MINUTES, TimeUnit.MINUTES, WorkflowResult.class)
                        .thenApply(WorkflowResult::completed));
            }
        };
    }

    /**
     * @param name   what the figures call it
     * @param client the benchmark process's Temporal client
     * @param queue  the task queue its static worker polls
     * @return the hand-written static workflow's cycles
     */
    static Cycles staticWorkflow(String name, WorkflowClient client, String queue) {
        return new Cycles() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Started start(String businessKey) {
                byte[] random = new byte[6];
                ThreadLocalRandom.current().nextBytes(random);
                String workflowId = name + "-" + businessKey + "-" + HexFormat.of().formatHex(random);
                StaticCycle cycle = client.newWorkflowStub(StaticCycle.class,
                        WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(workflowId).build());
                @SuppressWarnings("unchecked")
                Map<String, List<String>> parameters = (Map<String, List<String>>) (Map<String, ?>) BenchTemplates.CYCLE_PARAMETERS;
                WorkflowClient.start(cycle::run, businessKey, parameters);
                return new Started(workflowId, WorkflowStub.fromTyped(cycle).getResultAsync(RESULT_MINUTES, TimeUnit.MINUTES, Integer.class));
            }
        };
    }
}
