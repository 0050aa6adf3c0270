package dev.cadre.platform.engine;

import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the histories {@link TemplateWorkflowReplayTest} replays, gzipped, when a test runs with
 * {@code -Dcadre.recordHistory=<directory>}; otherwise does nothing.
 */
final class RecordedHistories {

    private RecordedHistories() {
    }

    /** @return whether this run records histories */
    static boolean wanted() {
        return System.getProperty("cadre.recordHistory") != null;
    }

    /** Writes {@code <name>.json.gz} into the recording directory, if recording. */
    static void write(String name, WorkflowExecutionHistory history) throws IOException {
        String directory = System.getProperty("cadre.recordHistory");
        if (directory == null) {
            return;
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(Path.of(directory, name + ".json.gz")))) {
            out.write(history.toJson(true).getBytes(StandardCharsets.UTF_8));
        }
    }
}
