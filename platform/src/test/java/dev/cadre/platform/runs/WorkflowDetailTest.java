package dev.cadre.platform.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cadre.platform.engine.Progress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a run's detail says of its phases and steps, from the records the run page and REST read. */
class WorkflowDetailTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static StepRow row(String phase, String mode, String code, String executionMode, String instance, String status, String outcome) {
        return new StepRow(phase, 1, mode, code, code, "TASK", false, "noop", executionMode, instance, status, outcome, 0, null, null, null,
                null, null, null, null, status == null ? null : T0, status == null || status.equals("RUNNING") ? null : T0.plusSeconds(1));
    }

    private static Run run(String status, String currentPhase) {
        return new Run(1, 1, new RunSummary("wf", "r", "t", 1, "BK-1", status, currentPhase, null, T0, status.equals("RUNNING") ? null : T0),
                "{}", T0);
    }

    @Test
    void aRejectedRunsPhaseIsFailedNotRunning() {
        List<StepRow> steps = List.of(
                row("Sign-off", "sequential", "PREPARE", "sequential", "", "COMPENSATED", null),
                row("Sign-off", "sequential", "APPROVE", "sequential", "", "COMPLETED", "REJECTED"),
                row("Sign-off", "sequential", "ARCHIVE", "sequential", null, null, null));

        RunDetail detail = WorkflowDetail.of(run("FAILED", "Sign-off"), Map.of(), steps, Map.of(), Optional.empty(), List.of());

        assertEquals("FAILED", detail.phases().get(0).status());
    }

    @Test
    void aParallelStepWithOneOfThreeInstancesDoneIsNotCompleted() {
        List<StepRow> steps = List.of(
                row("Owners", "parallel", "ASK", "parallel", "a", "COMPLETED", null),
                row("Owners", "parallel", "ASK", "parallel", "b", "COMPLETED", null),
                row("Owners", "parallel", "ASK", "parallel", "c", "RUNNING", null),
                row("Owners", "parallel", "ANSWER", "parallel", "a", "COMPLETED", null));

        RunDetail detail = WorkflowDetail.of(run("RUNNING", "Owners"), Map.of(), steps, Map.of(), Optional.empty(), List.of());

        ActivityView answer = detail.phases().get(0).activities().get(1);
        assertEquals(1, answer.instances().size());
        assertEquals("RUNNING", answer.status(), "1 of 3 instances done is not COMPLETED");
        assertEquals("RUNNING", detail.phases().get(0).status());
    }

    @Test
    void aRunWithoutRecordsYetShowsItsPhasesAheadAndItsBusinessKey() {
        List<StepRow> unreached = List.of(row("Plan", "sequential", "START", "sequential", null, null, null),
                row("Work", "sequential", "DO", "sequential", null, null, null));

        RunDetail detail = WorkflowDetail.liveOnly("wf", new Progress("t", 1, "RUNNING", null, null, List.of()), "BK-1", unreached);

        assertEquals("BK-1", detail.businessKey());
        assertEquals(List.of("Plan", "Work"), detail.phases().stream().map(PhaseView::name).toList());
        assertEquals("PENDING", detail.phases().get(0).status());
    }
}
