package dev.cadre.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.engine.Artifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The people of a demo test cycle, acting through the admin REST endpoint only: the test lead
 * uploads the report and its data dictionary, data owners upload their evidence, reviewers and
 * approvers approve.
 */
final class DemoPeople {

    private final AdminClient admin;
    private final Path samples;

    DemoPeople(AdminClient admin, Path samples) {
        this.admin = admin;
        this.samples = samples;
    }

    /**
     * Does what the task asks and completes it.
     *
     * @param workflowId the workflow
     * @param task       a WAITING task from {@code GET /api/tasks}
     * @return whether the host accepted the completion (a task the workflow has not registered yet is refused, and retried later)
     */
    boolean handle(String workflowId, JsonNode task) {
        String code = task.path("activityCode").asText();
        String instance = task.path("instanceId").asText("");
        Map<String, Object> data = new LinkedHashMap<>();
        switch (code) {
            case "DEFINE_REPORT_INVENTORY" -> {
                data.put("report", upload(workflowId, "report.csv", samples.resolve("report.csv")));
                data.put("dictionary", upload(workflowId, "data-dictionary.csv", samples.resolve("data-dictionary.csv")));
            }
            case "UPLOAD_EVIDENCE" -> {
                String name = "evidence/" + instance + ".csv";
                data.put("artifact", name);
                data.put("sha256", upload(workflowId, name, samples.resolve("evidence").resolve(instance + ".csv")));
            }
            default -> {
                // reviews, approvals and the remaining tasks need nothing but a decision
            }
        }
        String type = task.path("activityType").asText();
        Map<String, Object> completion = new LinkedHashMap<>();
        completion.put("instanceId", instance);
        completion.put("outcome", "TASK".equals(type) ? "DONE" : "APPROVED");
        completion.put("completedBy", person(task.path("assigneeRole").asText("reviewer"), instance));
        completion.put("comment", "demo: " + task.path("activityName").asText(code));
        completion.put("data", data);
        AdminClient.Response response = admin.postJson("/api/workflows/" + AdminClient.encode(workflowId) + "/activities/"
                + AdminClient.encode(code) + "/complete", completion);
        if (response.status() == 409) {
            return false;
        }
        response.orThrow();
        return true;
    }

    /** Uploads a sample file as an artifact; returns its SHA-256, which the owner declares with the upload. */
    private String upload(String workflowId, String name, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample file " + file, e);
        }
        admin.putBytes("/api/workflows/" + AdminClient.encode(workflowId) + "/artifacts/" + name, "text/csv", bytes).orThrow();
        return Artifacts.sha256(bytes);
    }

    private static String person(String role, String instance) {
        return switch (role) {
            case "data-owner" -> instance.isEmpty() ? "data.owner" : instance.replaceAll("/.*", "") + ".owner";
            case "approver" -> "alex.approver";
            case "test-lead" -> "tara.testlead";
            default -> "rita.reviewer";
        };
    }
}
