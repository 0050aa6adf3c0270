package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cadre.platform.runs.StepRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task context's pieces that need no host: CSV cells, sizes, and whose comments a task shows. */
class TaskContextTest {

    @Test
    void csvCellsKeepQuotedCommasAndDoubledQuotes() {
        assertEquals(List.of("S-1", "statement, page 3", "he said \"no\"", ""), TaskContext.csvLine("S-1,\"statement, page 3\",\"he said \"\"no\"\"\","));
    }

    @Test
    void sizesReadInBytesKilobytesAndMegabytes() {
        assertEquals("812 bytes", TaskContext.size(812));
        assertEquals("12.4 KB", TaskContext.size(12_700));
        assertEquals("3.1 MB", TaskContext.size(3_250_000));
    }

    @Test
    void earlierDecisionsAreOtherCompletedTasksOldestFirst() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        StepRow prepared = step("PREPARE", "", "pat", "ready", t.plusSeconds(60));
        StepRow reviewed = step("REVIEW", "", "rita", "fine", t.plusSeconds(120));
        StepRow self = step("APPROVE", "", null, null, null);
        StepRow automated = new StepRow("P", 1, "sequential", "AUTO", "AUTO", "TASK", false, "h", "sequential", "", "COMPLETED", null, 0, null,
                null, null, null, null, null, null, t, t);

        List<TaskContext.Note> notes = TaskContext.notes("wf", List.of(reviewed, automated, self, prepared), self);

        assertEquals(List.of("pat", "rita"), notes.stream().map(TaskContext.Note::who).toList());
        assertEquals("fine", notes.get(1).comment());
    }

    private static StepRow step(String code, String instance, String by, String comment, Instant at) {
        return new StepRow("P", 1, "sequential", code, code, "TASK", true, "ManualActivityHandler", "sequential", instance,
                at == null ? "WAITING" : "COMPLETED", at == null ? null : "DONE", 0, null, null, null, by, comment, "r", null, at, at);
    }
}
