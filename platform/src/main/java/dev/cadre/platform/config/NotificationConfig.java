package dev.cadre.platform.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where task events (deadline steps firing) are announced.
 *
 * @param webhook      {@code CADRE_NOTIFY_WEBHOOK_URL}: a JSON POST per event, if set
 * @param smtpHost     {@code CADRE_SMTP_HOST}: e-mail to the role's users, if set
 * @param smtpPort     {@code CADRE_SMTP_PORT} (default 25)
 * @param smtpUser     {@code CADRE_SMTP_USER}, if the server needs a login
 * @param smtpPassword {@code CADRE_SMTP_PASSWORD}
 * @param smtpFrom     {@code CADRE_SMTP_FROM}: the sender address (default {@code cadre@localhost})
 */
public record NotificationConfig(Optional<URI> webhook, Optional<String> smtpHost, int smtpPort, Optional<String> smtpUser,
        Optional<String> smtpPassword, String smtpFrom) {

    /** No notifications. */
    public static final NotificationConfig NONE = new NotificationConfig(Optional.empty(), Optional.empty(), 25, Optional.empty(),
            Optional.empty(), "cadre@localhost");
}
