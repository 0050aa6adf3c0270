package dev.cadre.platform.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cadre.platform.config.NotificationConfig;
import dev.cadre.platform.engine.TaskNotice;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SMTP with credentials requires STARTTLS: against a real SMTP server (GreenMail) that offers no STARTTLS,
 * the notice is not sent and the password never goes out. Without credentials, plain SMTP still works.
 */
class MailerTest {

    private static final TaskNotice NOTICE = new TaskNotice("remind", "run-1", "Q3-REPORT", "SIGN_OFF", "", "auditor", "2026-12-04T10:00:00Z");

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        smtp.setUser("cadre@example.com", "mailer", "the-smtp-password");
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private NotificationConfig config(String user, String password) {
        return new NotificationConfig(Optional.empty(), Optional.of("127.0.0.1"), smtp.getSmtp().getPort(), Optional.ofNullable(user),
                Optional.ofNullable(password), "cadre@example.com");
    }

    @Test
    void withCredentialsAServerWithoutStartTlsGetsNoPasswordAndNoMail() {
        Mailer mailer = new Mailer(config("mailer", "the-smtp-password"));
        // before: STARTTLS was only tried, so AUTH went out in clear text and the mail was sent
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> mailer.send(List.of("owner@example.com"), NOTICE));
        assertTrue(refused.getMessage().contains("STARTTLS"), refused.getMessage());
        assertEquals(0, smtp.getReceivedMessages().length, "nothing was sent");
        assertEquals("true", mailer.settings().getProperty("mail.smtp.starttls.required"));
        assertEquals("true", mailer.settings().getProperty("mail.smtp.ssl.checkserveridentity"), "the certificate must name the host");
    }

    @Test
    void withoutCredentialsPlainSmtpStillDelivers() {
        new Mailer(config(null, null)).send(List.of("owner@example.com"), NOTICE);
        assertEquals(1, smtp.getReceivedMessages().length);
    }
}
