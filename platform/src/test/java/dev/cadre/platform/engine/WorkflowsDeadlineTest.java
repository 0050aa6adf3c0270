package dev.cadre.platform.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A completion for a run that cannot take it (here: no worker polls its queue, as when the run is stuck) ends
 * at the deadline with a typed failure; before, the HTTP thread waited in {@code updateWorkflowExecution} for
 * as long as the run stayed stuck (8 minutes and more).
 */
class WorkflowsDeadlineTest {

    private TestWorkflowEnvironment temporal;

    @BeforeEach
    void start() {
        temporal = TestWorkflowEnvironment.newInstance();
    }

    @AfterEach
    void stop() {
        temporal.close();
    }

    @Test
    void aCompletionTheWorkflowNeverTakesEndsAtTheDeadline() {
        WorkflowStub stuck = temporal.getWorkflowClient().newUntypedWorkflowStub("TemplateWorkflow",
                WorkflowOptions.newBuilder().setTaskQueue("nobody-polls-this").setWorkflowId("stuck-run").build());
        stuck.start(new WorkflowRequest("flow", 1, "STUCK", Map.of(), false));
        Workflows workflows = new Workflows(temporal.getWorkflowClient(), "nobody-polls-this", null, Duration.ofSeconds(2));
        Completion completion = new Completion("APPROVE", null, Outcome.APPROVED, "someone", null, Map.of(), false);

        TemporalTimeoutException timedOut = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(TemporalTimeoutException.class, () -> workflows.complete("stuck-run", completion)));
        assertTrue(timedOut.getMessage().contains("completing APPROVE in stuck-run did not finish within 2 s"), timedOut.getMessage());
    }
}
