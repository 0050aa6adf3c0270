package dev.cadre.platform.engine;

import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded histories of a whole test cycle (3 owners, 4 documents) against the current
 * workflow code: a change that would break running workflows fails here with a non-determinism
 * error. One history per workflow shape still in use:
 * <ul>
 *   <li>{@code test-cycle.json} (710 events): recorded before the workflow wrote step state itself;
 *       it replays through the {@code workflow-records-step-state} DEFAULT_VERSION branch;</li>
 *   <li>{@code test-cycle-v1.json} (818 events): the workflow records every step state change, each
 *       record write a local activity;</li>
 *   <li>{@code test-cycle-v2.json}: the record writes (and the phase entered) ride with the next handler activity
 *       ({@code writes-ride-with-activities}, 726 events); fan-outs this small still run in the run's own history;</li>
 *   <li>{@code split-*.json.gz}: a fan-out of 500 instances split into child-workflow batches
 *       ({@code fan-out-batches}), the run and its first batch, once completing (with tasks completed
 *       through the run) and once failing (stop signals, each batch undone by its own child);</li>
 *   <li>{@code long-*.json.gz}: a run of seven in-history fan-outs that continued as new after ~5,000
 *       events ({@code continue-as-new}), and its continuation, which takes over the first four phases
 *       from the records.</li>
 * </ul>
 * Record a new one after an intended, versioned change with
 * {@code mvn -pl platform verify -Dit.test=TestCycleWorkflowIT -DargLine=-Dcadre.recordHistory=<abs path>}
 * (a file), or {@code -Dit.test='SplitFanOutIT#big*+fail*+runWhose*'} (a directory).
 */
class TemplateWorkflowReplayTest {

    private static io.temporal.testing.TestWorkflowEnvironment environment;
    /** The engine's workflows, registered as a host registers them. */
    private static io.temporal.worker.Worker worker;

    @org.junit.jupiter.api.BeforeAll
    static void registerWorkflows() {
        environment = io.temporal.testing.TestWorkflowEnvironment.newInstance();
        worker = environment.newWorker("replay");
        EngineWorker.registerWorkflows(worker, new dev.cadre.platform.expressions.ExpressionEngine());
    }

    @org.junit.jupiter.api.AfterAll
    static void close() {
        environment.close();
    }

    @Test
    void cycleRecordedBeforeTheWorkflowWroteStepStateReplays() throws Exception {
        replay("test-cycle.json");
    }

    @Test
    void cycleRecordedWithTheWorkflowWritingStepStateReplays() throws Exception {
        replay("test-cycle-v1.json");
    }

    @Test
    void cycleWhoseRecordWritesRideWithActivitiesReplays() throws Exception {
        replay("test-cycle-v2.json");
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
