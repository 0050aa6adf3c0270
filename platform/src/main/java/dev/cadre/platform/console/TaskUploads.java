package dev.cadre.platform.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks of the test cycle that hand over files, and what the handlers after them expect: a data
 * owner's evidence ({@code UPLOAD_EVIDENCE}: artifact {@code evidence/<instance>.csv}, data
 * {@code {"artifact", "sha256"}}, checked by ValidateDataUploadHandler) and the test lead's report and data
 * dictionary ({@code DEFINE_REPORT_INVENTORY}: {@code report.csv} and {@code data-dictionary.csv}, data
 * {@code {"report", "dictionary"}} with their SHA-256). The task page shows a file input per slot.
 */
final class TaskUploads {

    private TaskUploads() {
    }

    /**
     * One file a task takes.
     *
     * @param input    the form field
     * @param label    what the person is asked for
     * @param artifact the artifact it is stored as
     * @param nameKey  the data key that names the artifact, or {@code null}
     * @param shaKey   the data key of its SHA-256
     */
    record Slot(String input, String label, String artifact, String nameKey, String shaKey) {
    }

    /** @return the files the task takes, none for most tasks */
    static List<Slot> of(String code, String instance) {
        return switch (code) {
            case "UPLOAD_EVIDENCE" -> List.of(new Slot("evidence", "Evidence file (CSV) for " + instance,
                    "evidence/" + instance + ".csv", "artifact", "sha256"));
            case "DEFINE_REPORT_INVENTORY" -> List.of(
                    new Slot("report", "Report (CSV)", "report.csv", null, "report"),
                    new Slot("dictionary", "Data dictionary (CSV)", "data-dictionary.csv", null, "dictionary"));
            default -> List.of();
        };
    }

    /** @param stored the SHA-256 of each slot's stored file @return the completion data the handlers read */
    static Map<String, Object> data(Map<Slot, String> stored) {
        Map<String, Object> data = new LinkedHashMap<>();
        stored.forEach((slot, sha256) -> {
            if (slot.nameKey() != null) {
                data.put(slot.nameKey(), slot.artifact());
            }
            data.put(slot.shaKey(), sha256);
        });
        return data;
    }
}
