package dev.cadre.platform.notifications;

import dev.cadre.platform.config.NotificationConfig;
import dev.cadre.platform.engine.TaskNotice;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;

/**
 * Sends a task notice by SMTP (Jakarta Mail, Eclipse Angus) to the addresses of a role's users. With credentials
 * ({@code CADRE_SMTP_USER}), STARTTLS is required, never merely tried: a server that does not offer it gets no
 * password, and the server's certificate must be trusted and name the configured host.
 */
final class Mailer {

    private static final String TIMEOUT_MILLIS = "10000";

    private final Properties properties;
    private final Session session;
    private final String from;

    Mailer(NotificationConfig config) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", config.smtpHost().orElseThrow());
        properties.put("mail.smtp.port", String.valueOf(config.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        Authenticator login = null;
        if (config.smtpUser().isPresent()) {
            properties.put("mail.smtp.auth", "true");
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
            String user = config.smtpUser().get();
            String password = config.smtpPassword().orElse("");
            login = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        this.properties = properties;
        this.session = Session.getInstance(properties, login);
        this.from = config.smtpFrom();
    }

    /** @return the session's settings (what the tests check besides what a server shows) */
    Properties settings() {
        return properties;
    }

    void send(List<String> recipients, TaskNotice notice) {
        if (recipients.isEmpty()) {
            return;
        }
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            for (String recipient : recipients) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
            }
            String task = notice.activity() + (notice.instance().isEmpty() ? "" : " [" + notice.instance() + "]");
            message.setSubject("[Cadre] " + notice.event() + ": " + task + " of " + notice.businessKey(), "UTF-8");
            message.setText(String.join("\n",
                    "Task " + task + " of run " + notice.workflowId() + " (" + notice.businessKey() + ")",
                    "Event: " + notice.event() + " for role " + notice.role(),
                    "Due: " + notice.dueAt(),
                    ""), "UTF-8");
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP: " + e.getMessage(), e);
        }
    }
}
