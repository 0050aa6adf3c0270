package dev.cadre.platform.notifications;

import dev.cadre.platform.config.NotificationConfig;
import dev.cadre.platform.engine.TaskNotice;
import dev.cadre.platform.engine.TaskNotifications;
import dev.cadre.platform.persistence.Json;
import dev.cadre.platform.users.UserDirectory;
import io.temporal.activity.Activity;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces task events through the configured channels: a JSON POST to {@code CADRE_NOTIFY_WEBHOOK_URL}
 * and an e-mail to the role's users when {@code CADRE_SMTP_HOST} is set. A channel that fails makes the
 * attempt fail, so Temporal retries it a few times; the run never waits for it.
 */
public final class TaskNotifier implements TaskNotifications {

    private static final Logger log = LoggerFactory.getLogger(TaskNotifier.class);

    private final Webhook webhook;
    private final Mailer mailer;
    private final UserDirectory users;

    /**
     * @param config where to announce
     * @param users  whose e-mail addresses a role has
     * @param json   the JSON codec
     */
    public TaskNotifier(NotificationConfig config, UserDirectory users, Json json) {
        this.webhook = config.webhook().map(uri -> new Webhook(uri, json)).orElse(null);
        this.mailer = config.smtpHost().isPresent() ? new Mailer(config) : null;
        this.users = users;
    }

    @Override
    public void announce(TaskNotice notice) {
        List<String> failures = new ArrayList<>();
        if (webhook != null) {
            try {
                webhook.post(notice);
            } catch (RuntimeException e) {
                failures.add("webhook: " + e.getMessage());
            }
        }
        if (mailer != null && notice.role() != null) {
            List<String> recipients = users.emailsOf(notice.role());
            try {
                mailer.send(recipients, notice);
            } catch (RuntimeException e) {
                failures.add("e-mail: " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            int attempt = Activity.getExecutionContext().getInfo().getAttempt();
            log.warn("Could not announce {} of {} in {} (attempt {}): {}", notice.event(), notice.activity(), notice.workflowId(), attempt,
                    String.join("; ", failures));
            throw new IllegalStateException(String.join("; ", failures));
        }
    }
}
