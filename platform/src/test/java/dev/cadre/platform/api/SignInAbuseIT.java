package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cadre.platform.users.UserDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Sign-in under abuse, over real HTTP on loopback. Client addresses are real: each request binds its socket to
 * an address of 127.0.0.0/8 (all of it is loopback on Linux), so no forwarding header is trusted.
 */
class SignInAbuseIT {

    @TempDir
    static Path home;
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(home);
        createUser("victim", "the-right-password-1");
        createUser("changer", "the-first-password-1");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static String createUser(String username, String password) {
        return api.postJson("/api/users", api.json(Map.of("username", username, "password", password, "roles", List.of("operator"))))
                .expect(201).json().get("token").asText();
    }

    /** A bounded flood: 2,000 bad sign-ins from many names; health answers within a second all along. */
    @Test
    void aFloodOfBadSignInsLeavesHealthAnsweringAndTheVictimSigningInFromElsewhere() throws Exception {
        for (int i = 0; i < dev.cadre.platform.users.LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(401, signIn("127.0.0.1", "victim", "a-wrong-password").status()); // a guesser locks the victim's name
        }
        assertEquals(429, signIn("127.0.0.1", "victim", "the-right-password-1").status());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        AtomicBoolean flooding = new AtomicBoolean(true);
        List<Long> healthMillis = new ArrayList<>();
        ExecutorService health = Executors.newSingleThreadExecutor();
        Future<?> healthChecks = health.submit(() -> {
            HttpRequest request = HttpRequest.newBuilder(api.uri("/api/health")).timeout(Duration.ofSeconds(1)).build();
            client.send(request, HttpResponse.BodyHandlers.discarding()); // warm: the first call opens the connection
            while (flooding.get()) {
                long began = System.nanoTime();
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding()); // over 1 s throws
                assertEquals(200, response.statusCode());
                healthMillis.add((System.nanoTime() - began) / 1_000_000);
                Thread.sleep(50);
            }
            return null;
        });
        ExecutorService flood = Executors.newFixedThreadPool(16);
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String name = i % 10 == 0 ? "victim" : "nobody-" + i;
                sent.add(flood.submit(() -> statuses.add(signIn("127.0.0.1", name, "a-wrong-password").status())));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            flooding.set(false);
            flood.shutdownNow();
            health.shutdown();
        }
        healthChecks.get(); // rethrows a health check that took over a second or failed
        assertFalse(healthMillis.isEmpty());
        assertTrue(Set.of(401, 429, 503).containsAll(statuses), "only refusals, no errors: " + statuses);
        assertTrue(statuses.contains(503), "password checks beyond the slots are refused at once: " + statuses);

        assertEquals(429, signIn("127.0.0.1", "victim", "the-right-password-1").status(), "the flooding address stays locked");
        Answer fromElsewhere = signIn("127.0.0.2", "victim", "the-right-password-1");
        assertEquals(303, fromElsewhere.status(), "a locked-out name signs in from an address with no failures");
        assertNotNull(fromElsewhere.cookie());
    }

    @Test
    void aNewlineInAUsernameCannotForgeALogLine() {
        Logger logger = (Logger) LoggerFactory.getLogger(UserDirectory.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try {
            // the console refuses the name outright; anything else that reaches the directory is logged escaped
            assertEquals(400, signIn("127.0.0.4", "mallory\n2026-12-03 INFO  Signed in admin\r", "a-wrong-password").status());
            assertTrue(api.host.users().signIn("mallory\n2026-12-03 INFO  Signed in admin\r", "a-wrong-password", "127.0.0.4")
                    .principal().isEmpty());
        } finally {
            logger.detachAppender(captured);
        }
        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("mallory")).toList();
        assertEquals(1, lines.size(), () -> "captured: " + captured.list);
        assertFalse(lines.get(0).contains("\n") || lines.get(0).contains("\r"), lines.get(0));
        assertTrue(lines.get(0).contains("mallory\\u000a2026-12-03"), lines.get(0));
    }

    @Test
    void aNewPasswordEndsTheUsersSessionsAndCanRevokeTheirTokens() {
        String personal = api.send(api.request("/api/users/changer/tokens").POST(HttpRequest.BodyPublishers.noBody()).build())
                .expect(201).json().get("token").asText();
        Answer signedIn = signIn("127.0.0.3", "changer", "the-first-password-1");
        assertEquals(303, signedIn.status());
        assertEquals(200, get("127.0.0.3", "/", signedIn.cookie()).status());

        api.send(api.request("/api/users/changer").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"password\":\"the-second-password-2\",\"revokeTokens\":true}"))
                .build()).expect(200);

        Answer after = get("127.0.0.3", "/", signedIn.cookie());
        assertEquals(303, after.status(), "the old session is over");
        assertEquals("/login", after.header("location"));
        HttpRequest me = HttpRequest.newBuilder(api.uri("/api/me")).header("Authorization", "Bearer " + personal).build();
        assertEquals(401, api.send(me).status(), "the personal token was revoked on request");
        assertEquals(303, signIn("127.0.0.3", "changer", "the-second-password-2").status());
    }

    @Test
    void disablingAUserEndsTheirSessions() {
        createUser("leaver", "the-leavers-password");
        Answer signedIn = signIn("127.0.0.5", "leaver", "the-leavers-password");
        assertEquals(303, signedIn.status());
        api.send(api.request("/api/users/leaver").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"disabled\":true}")).build()).expect(200);
        api.send(api.request("/api/users/leaver").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"disabled\":false}")).build()).expect(200);
        assertEquals(303, get("127.0.0.5", "/", signedIn.cookie()).status(), "enabling again does not bring the session back");
    }

    // --- HTTP/1.1 from a chosen loopback address

    record Answer(int status, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name);
        }

        String cookie() {
            String set = headers.get("set-cookie");
            return set == null ? null : set.split(";", 2)[0];
        }
    }

    private static Answer signIn(String from, String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return exchange(from, "POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.getBytes(StandardCharsets.UTF_8).length + "\r\n", form);
    }

    private static Answer get(String from, String path, String cookie) {
        return exchange(from, "GET " + path + " HTTP/1.1\r\nCookie: " + cookie + "\r\n", "");
    }

    private static Answer exchange(String from, String head, String body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", api.server.port()), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] lines = response.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                int colon = lines[i].indexOf(':');
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Answer(status, headers);
        } catch (IOException e) {
            throw new UncheckedIOException("request from " + from + " failed", e);
        }
    }
}
