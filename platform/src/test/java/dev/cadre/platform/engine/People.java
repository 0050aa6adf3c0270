package dev.cadre.platform.engine;

import dev.cadre.platform.templates.ActivityType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * Plays the people of a run in tests: completes the manual tasks the run records show WAITING,
 * through the same completion path the admin endpoint uses, until the workflow ends.
 */
final class People {

    private final EngineFixture fixture;

    People(EngineFixture fixture) {
        this.fixture = fixture;
    }

    /** The outcome a cooperative person gives an activity of a type. */
    static Outcome agree(ActivityType type) {
        return type == ActivityType.TASK ? Outcome.DONE : Outcome.APPROVED;
    }

    /**
     * Completes every task as it appears until the workflow leaves RUNNING.
     *
     * @param workflowId the workflow
     * @param decide     the outcome for a task (code -> outcome), by activity type
     * @return the workflow's final status
     */
    String completeAll(String workflowId, Function<Map<String, Object>, Outcome> decide) {
        return completeAll(workflowId, decide, task -> Map.of("by", "test"));
    }

    /**
     * Completes every task as it appears until the workflow leaves RUNNING, with data chosen per task.
     *
     * @param data the completion data for a task (its row: activity_code, instance_id, ...)
     * @return the workflow's final status
     */
    String completeAll(String workflowId, Function<Map<String, Object>, Outcome> decide,
                       Function<Map<String, Object>, Map<String, Object>> data) {
        // each pass completes the waiting tasks, until the workflow has ended
        return Awaitility.await("workflow " + workflowId + " ends").atMost(Duration.ofMinutes(3)).pollInSameThread()
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25)).until(() -> {
                    String status = status(workflowId);
                    if (status != null && !status.equals("RUNNING")) {
                        return status;
                    }
                    for (Map<String, Object> task : waiting(workflowId)) {
                        Completion completion = new Completion((String) task.get("activity_code"), (String) task.get("instance_id"),
                                decide.apply(task), "test-" + task.get("assignee_role"), "checked", data.apply(task));
                        try {
                            fixture.workflows.complete(workflowId, completion);
                        } catch (CompletionRefusedException e) {
                            // the workflow has not registered the task yet; it stays WAITING and is retried
                        }
                    }
                    return null;
                }, Objects::nonNull);
    }

    List<Map<String, Object>> waiting(String workflowId) {
        return fixture.query("""
                SELECT a.activity_code, a.instance_id, a.assignee_role, t.activity_type
                FROM workflow_activities a
                JOIN workflow_instances w ON w.id = a.workflow_instance_id
                JOIN workflow_activity_templates t ON t.id = a.activity_template_id
                WHERE w.workflow_id = ? AND a.status = 'WAITING' ORDER BY a.due_at, a.id
                """, workflowId);
    }

    String status(String workflowId) {
        List<Map<String, Object>> rows = fixture.query("SELECT status FROM workflow_instances WHERE workflow_id = ?", workflowId);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }

    /** @return the outcome agreeing to every task */
    static Function<Map<String, Object>, Outcome> agreeing() {
        return task -> agree(ActivityType.valueOf((String) task.get("activity_type")));
    }
}
