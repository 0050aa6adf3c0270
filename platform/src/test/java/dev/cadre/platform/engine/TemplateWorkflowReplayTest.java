package dev.cadre.platform.engine;

import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Replays a recorded history of a whole test cycle (3 owners, 4 documents, 710 events) against the
 * current workflow code: a change that would break running workflows fails here with a
 * non-determinism error. Re-record after an intended, versioned change with
 * {@code mvn -pl platform test -Dtest=TestCycleWorkflowTest -DargLine=-Dcadre.recordHistory=<abs path>}.
 */
class TemplateWorkflowReplayTest {

    @Test
    void recordedTestCycleReplaysWithoutNonDeterminism() throws Exception {
        String history = Files.readString(Path.of("src/test/resources/histories/test-cycle.json"));
        WorkflowReplayer.replayWorkflowExecution(history, TemplateWorkflowImpl.class);
    }
}
