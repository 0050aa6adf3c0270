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
 *   <li>{@code test-cycle-v1.json} (818 events): the workflow records every step state change.</li>
 * </ul>
 * Record a new one after an intended, versioned change with
 * {@code mvn -pl platform test -Dtest=TestCycleWorkflowTest -DargLine=-Dcadre.recordHistory=<abs path>}.
 */
class TemplateWorkflowReplayTest {

    @Test
    void cycleRecordedBeforeTheWorkflowWroteStepStateReplays() throws Exception {
        replay("test-cycle.json");
    }

    @Test
    void cycleRecordedWithTheWorkflowWritingStepStateReplays() throws Exception {
        replay("test-cycle-v1.json");
    }

    private static void replay(String file) throws Exception {
        String history = Files.readString(Path.of("src/test/resources/histories", file));
        WorkflowReplayer.replayWorkflowExecution(history, TemplateWorkflowImpl.class);
    }
}
