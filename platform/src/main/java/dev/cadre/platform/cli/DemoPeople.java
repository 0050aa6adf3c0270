package dev.cadre.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.engine.Artifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The people of a demo test cycle, real users created through the REST API with their roles and
 * acting with their own tokens, so the run records and the report's trail name them: the test lead
 * uploads the report and its data dictionary and names the data owners (whom the requests for
 * information then go to), data owners upload their evidence and answer observations, reviewers and
 * approvers approve.
 */
final class DemoPeople {

    /** A person of the demo: login, display name, role. */
    private record Person(String username, String displayName, String role) {
    }

    private static final List<Person> PEOPLE = List.of(
            new Person("tara.testlead", "Tara Testlead", "test-lead"),
            new Person("rita.reviewer", "Rita Reviewer", "reviewer"),
            new Person("alex.approver", "Alex Approver", "approver"),
            new Person("credit-risk.owner", "Cora (credit risk data owner)", "data-owner"),
            new Person("loan-origination.owner", "Lou (loan origination data owner)", "data-owner"),
            new Person("loan-servicing.owner", "Sam (loan servicing data owner)", "data-owner"));

    private final Map<String, AdminClient> clients = new LinkedHashMap<>();
    private final Path samples;
    private final List<String> owners;
    private final String reject;

    /**
     * Creates the demo's people (or, when a previous demo created them, issues them new tokens).
     *
     * @param admin   the admin's client, which creates the users
     * @param samples the sample data directory
     * @param owners  the data owners the test lead names when identifying them
     * @param reject  the review or approval the person rejects, or {@code null}
     */
    DemoPeople(AdminClient admin, Path samples, List<String> owners, String reject) {
        this.samples = samples;
        this.owners = List.copyOf(owners);
        this.reject = reject;
        for (Person person : PEOPLE) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", person.username());
            user.put("displayName", person.displayName());
            user.put("roles", List.of(person.role()));
            AdminClient.Response created = admin.postJson("/api/users", user);
            String token = created.status() == 409
                    ? admin.postJson("/api/users/" + person.username() + "/tokens", Map.of()).orThrow().json().path("token").asText()
                    : created.orThrow().json().path("token").asText();
            clients.put(person.username(), admin.as(token));
        }
    }

    /** @return the names of the people, for the demo's output */
    List<String> usernames() {
        return List.copyOf(clients.keySet());
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
                AdminClient lead = clients.get("tara.testlead");
                data.put("report", upload(lead, workflowId, "report.csv", samples.resolve("report.csv")));
                data.put("dictionary", upload(lead, workflowId, "data-dictionary.csv", samples.resolve("data-dictionary.csv")));
            }
            case "IDENTIFY_DATA_OWNERS" -> data.put("dataOwners", owners);
            case "DATA_OWNER_RESPONSE" -> {
                data.put("agreed", true); // the form's choice of true or false
                data.put("rootCause", "values re-keyed by hand between source systems");
                data.put("remediation", "correct the source records and resubmit the report rows");
                data.put("due", "2026-12-31");
            }
            case "UPLOAD_EVIDENCE" -> {
                // the form's file field: the evidence file's SHA-256, which the validation checks the stored file against
                String name = "evidence/" + instance + ".csv";
                AdminClient owner = person("data-owner", instance);
                data.put("evidence", upload(owner, workflowId, name, samples.resolve("evidence").resolve(instance + ".csv")));
            }
            default -> {
                // reviews, approvals and the remaining tasks need nothing but a decision
            }
        }
        String type = task.path("activityType").asText();
        Map<String, Object> completion = new LinkedHashMap<>();
        completion.put("instanceId", instance);
        completion.put("outcome", "TASK".equals(type) ? "DONE" : code.equals(reject) ? "REJECTED" : "APPROVED");
        completion.put("comment", "demo: " + task.path("activityName").asText(code));
        completion.put("data", data);
        AdminClient client = person(task.path("assigneeRole").asText("reviewer"), instance);
        AdminClient.Response response = client.postJson("/api/workflows/" + AdminClient.encode(workflowId) + "/activities/"
                + AdminClient.encode(code) + "/complete", completion);
        if (response.status() == 409) {
            return false;
        }
        response.orThrow();
        return true;
    }

    /** Uploads a sample file as an artifact; returns its SHA-256, which the owner declares with the upload. */
    private String upload(AdminClient person, String workflowId, String name, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample file " + file, e);
        }
        person.putBytes("/api/workflows/" + AdminClient.encode(workflowId) + "/artifacts/" + name, "text/csv", bytes).orThrow();
        return Artifacts.sha256(bytes);
    }

    /** @return the client of the person who does a task of that role (a data owner's by the instance's owner) */
    private AdminClient person(String role, String instance) {
        String username = switch (role) {
            case "data-owner" -> instance.replaceAll("/.*", "") + ".owner";
            case "approver" -> "alex.approver";
            case "test-lead" -> "tara.testlead";
            default -> "rita.reviewer";
        };
        return clients.getOrDefault(username, clients.get("credit-risk.owner"));
    }
}
