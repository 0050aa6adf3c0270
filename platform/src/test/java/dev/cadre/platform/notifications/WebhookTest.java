package dev.cadre.platform.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.cadre.platform.engine.TaskNotice;
import dev.cadre.platform.persistence.Json;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A failing webhook is named by scheme, host and port: its path, query and user part (where secrets live) never reach a log. */
class WebhookTest {

    private static final TaskNotice NOTICE = new TaskNotice("remind", "run-1", "Q3-REPORT", "SIGN_OFF", "", "auditor", "2026-12-04T10:00:00Z");

    @Test
    void aReceiverThatAnswers500IsNamedWithoutItsSecret() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            URI url = URI.create("http://hook:pa55word@127.0.0.1:" + port + "/services/T0/B0/s3cr3tPath?token=s3cr3tQuery");
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> new Webhook(url, new Json()).post(NOTICE));
            assertEquals("http://127.0.0.1:" + port + "/… answered 500", failure.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableReceiverIsNamedWithoutItsSecret() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/hooks/s3cr3t?token=s3cr3t");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> new Webhook(url, new Json()).post(NOTICE));
        assertFalse(failure.getMessage().contains("s3cr3t"), failure.getMessage());
    }
}
