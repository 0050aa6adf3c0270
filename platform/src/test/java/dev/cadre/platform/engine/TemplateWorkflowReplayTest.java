package dev.cadre.platform.engine;

import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded histories against the current workflow code: a change that would break running
 * workflows fails here with a non-determinism error. The histories were recorded after the
 * one-engine-mode cut-off (docs/engine.md), one per shape the engine has:
 * <ul>
 *   <li>{@code test-cycle}: a whole test cycle (3 owners, 4 documents), fan-outs small enough to run in
 *       the run's own history, every record write riding with the next handler activity or in a local
 *       activity when no handler runs next;</li>
 *   <li>{@code split-*}: a fan-out of 500 instances split into child-workflow batches, the run and its
 *       first batch, once completing (with tasks completed through the run) and once failing (stop
 *       signals, each batch undone by its own child);</li>
 *   <li>{@code long-*}: a run of seven in-history fan-outs that continued as new after ~5,000 events,
 *       and its continuation, which takes over the first four phases from the records;</li>
 *   <li>{@code deadlines}: a task whose deadline steps remind, reassign, escalate and complete it;</li>
 *   <li>{@code rework}: rounds of rework (behind the {@code rework-rounds} version gate): a failed check hands a
 *       task back to its person, a reviewer sends the work back, and a send-back beyond the cap is refused.</li>
 * </ul>
 * After an intended change that breaks replay, record them again (a directory):
 * {@code mvn -pl platform verify -Dit.test='TestCycleWorkflowIT#full*,SplitFanOutIT#big*+fail*+runWhose*,TaskDeadlinesIT#anApproval*,ReworkIT'
 * -DargLine=-Dcadre.recordHistory=<abs dir>}; a change to workflow code that running workflows must
 * survive goes behind {@code Workflow.getVersion} instead.
 */
class TemplateWorkflowReplayTest {

    private static io.temporal.testing.TestWorkflowEnvironment environment;
    /** The engine's workflows, registered as a host registers them. */
    private static io.temporal.worker.Worker worker;

    @org.junit.jupiter.api.BeforeAll
    static void registerWorkflows() {
        environment = io.temporal.testing.TestWorkflowEnvironment.newInstance();
        // a replay checks determinism, not speed: a loaded build machine must not fail it as a deadlock
        worker = environment.newWorker("replay", io.temporal.worker.WorkerOptions.newBuilder()
                .setDefaultDeadlockDetectionTimeout(java.time.Duration.ofMinutes(1).toMillis()).build());
        EngineWorker.registerWorkflows(worker, new dev.cadre.platform.expressions.ExpressionEngine());
    }

    @org.junit.jupiter.api.AfterAll
    static void close() {
        environment.close();
    }

    @Test
    void testCycleReplays() throws Exception {
        replay("test-cycle.json.gz");
    }

    @Test
    void runWithASplitFanOutReplays() throws Exception {
        replay("split-run.json.gz");
        replayBatch("split-batch.json.gz");
    }

    @Test
    void runWhoseSplitFanOutFailedAndWasUndoneReplays() throws Exception {
        replay("split-failed-run.json.gz");
        replayBatch("split-failed-batch.json.gz");
    }

    @Test
    void runThatContinuedAsNewReplays() throws Exception {
        replay("long-first-run.json.gz");
        replay("long-continued-run.json.gz");
    }

    @Test
    void taskWithDeadlineStepsReplays() throws Exception {
        replay("deadlines.json.gz");
    }

    @Test
    void runWithReworkRoundsReplays() throws Exception {
        replay("rework.json.gz");
    }

    private static void replay(String file) throws Exception {
        String json = read(file);
        io.temporal.common.WorkflowExecutionHistory history = io.temporal.common.WorkflowExecutionHistory.fromJson(json);
        // a history does not hold its workflow id, but a split run's batch ids start with it
        String workflowId = history.getEvents().stream().filter(e -> e.hasStartChildWorkflowExecutionInitiatedEventAttributes())
                .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId())
                .map(child -> child.substring(0, child.indexOf('/'))).findFirst().orElse(null);
        WorkflowReplayer.replayWorkflowExecution(workflowId == null ? history : io.temporal.common.WorkflowExecutionHistory.fromJson(json, workflowId),
                worker);
    }

    private static void replayBatch(String file) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(io.temporal.common.WorkflowExecutionHistory.fromJson(read(file)), worker);
    }

    private static String read(String file) throws java.io.IOException {
        Path path = Path.of("src/test/resources/histories", file);
        if (!file.endsWith(".gz")) {
            return Files.readString(path);
        }
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(path))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
