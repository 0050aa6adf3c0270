package dev.cadre.platform.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cadre.platform.notifications.TaskNotifier;
import dev.cadre.platform.testing.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Deadline steps of a manual task ({@code config.sla}) as durable timers, in skipped time: remind,
 * reassign, escalate, complete; each recorded as a task event and announced by webhook and e-mail.
 */
class TaskDeadlinesIT {

    @Test
    void anApprovalNobodyDoesIsRemindedReassignedEscalatedThenCompletedByItsDeadline(@TempDir Path home) throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        List<String> posts = receiver.posts();
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (EngineFixture fixture = new EngineFixture(home, Map.of(
                "CADRE_NOTIFY_WEBHOOK_URL", receiver.url(),
                "CADRE_SMTP_HOST", "127.0.0.1",
                "CADRE_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "CADRE_SMTP_FROM", "cadre@example.com"))) {
            fixture.users.create("alex", null, null, List.of("approver"));
            fixture.users.email("alex", "alex@example.com");
            fixture.users.create("bea", null, null, List.of("backup-approver"));
            fixture.users.email("bea", "bea@example.com");
            fixture.users.create("tara", null, null, List.of("test-lead"));
            fixture.users.email("tara", "tara@example.com");
            fixture.importTemplate("deadlines.json");
            String id = fixture.workflows.start(new WorkflowRequest("deadlines", null, "LATE-SIGN", Map.of())).workflowId();

            assertEquals("COMPLETED", fixture.workflows.stub(id).getResult(WorkflowResult.class).status());

            List<Map<String, Object>> events = fixture.query("""
                    SELECT e.event, e.role FROM workflow_task_events e JOIN workflow_instances w ON w.id = e.workflow_instance_id
                    WHERE w.workflow_id = ? ORDER BY e.id""", id);
            assertEquals(List.of(Map.of("event", "remind", "role", "approver"), Map.of("event", "reassign", "role", "backup-approver"),
                    Map.of("event", "escalate", "role", "test-lead"), Map.of("event", "complete", "role", "backup-approver")), events);
            Map<String, Object> sign = fixture.query("""
                    SELECT a.status, a.outcome, a.completed_by, a.assignee_role, array_to_string(a.escalated_roles, ',') AS escalated
                    FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                    WHERE w.workflow_id = ? AND a.activity_code = 'SIGN'""", id).get(0);
            assertEquals(Map.of("status", "COMPLETED", "outcome", "APPROVED", "completed_by", "deadline", "assignee_role", "backup-approver",
                    "escalated", "test-lead"), sign);
            RecordedHistories.write("deadlines", fixture.client().fetchHistory(id));

            awaitCount("webhook posts", posts, 4);
            assertTrue(posts.get(0).contains("\"event\":\"remind\"") && posts.get(0).contains("\"workflowId\":\"" + id + "\"")
                    && posts.get(0).contains("\"businessKey\":\"LATE-SIGN\"") && posts.get(0).contains("\"activity\":\"SIGN\"")
                    && posts.get(0).contains("\"role\":\"approver\"") && posts.get(0).contains("\"dueAt\":"), posts.get(0));
            // the complete step's notice may be cut short when the run ends right after it: three are certain
            assertTrue(smtp.waitForIncomingEmail(30_000, 3), "three e-mails arrive");
            List<String> mail = java.util.Arrays.stream(smtp.getReceivedMessages()).map(TaskDeadlinesIT::describe).toList();
            assertTrue(mail.contains("alex@example.com: [Cadre] remind: SIGN of LATE-SIGN"), mail.toString());
            assertTrue(mail.contains("bea@example.com: [Cadre] reassign: SIGN of LATE-SIGN"), mail.toString());
            assertTrue(mail.contains("tara@example.com: [Cadre] escalate: SIGN of LATE-SIGN"), mail.toString());
        } finally {
            receiver.close();
            smtp.stop();
        }
    }

    @Test
    void anUnreachableWebhookNeverHoldsUpTheRunAndIsLogged(@TempDir Path home) throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger notifier = (Logger) LoggerFactory.getLogger(TaskNotifier.class);
        logged.start();
        notifier.addAppender(logged);
        try (EngineFixture fixture = new EngineFixture(home, Map.of("CADRE_NOTIFY_WEBHOOK_URL", "http://127.0.0.1:" + freePort() + "/down"))) {
            fixture.importTemplate("deadlines.json");
            String id = fixture.workflows.start(new WorkflowRequest("deadlines", null, "NOBODY-LISTENS", Map.of())).workflowId();

            assertEquals("COMPLETED", fixture.workflows.stub(id).getResult(WorkflowResult.class).status());

            Awaitility.await("the failed announcement is logged").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> List.copyOf(logged.list).stream()
                            .anyMatch(e -> e.getFormattedMessage().contains("Could not announce remind of SIGN in " + id)));
        } finally {
            notifier.detachAppender(logged);
        }
    }

    private static String describe(MimeMessage message) {
        try {
            return message.getAllRecipients()[0] + ": " + message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitCount(String what, List<String> items, int count) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> items.size() >= count);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
