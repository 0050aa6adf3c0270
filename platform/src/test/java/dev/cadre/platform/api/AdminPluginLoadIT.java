package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over real HTTP: a plugin that hangs while loading gets its error within the limit, and health answers meanwhile. */
class AdminPluginLoadIT {

    private static final int LIMIT_SECONDS = 4;
    private static final String FLAG = "cadre.test.hang.http";

    @TempDir
    static Path home;

    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(home, Map.of("CADRE_PLUGIN_LOAD_TIMEOUT_SECONDS", String.valueOf(LIMIT_SECONDS)));
    }

    @AfterAll
    static void stop() {
        System.setProperty(FLAG + ".release", "true");
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aHangingPluginUploadAnswersWithTheTimeoutWhileHealthAnswers() throws Exception {
        byte[] jar = ApiTestPluginJars.hangingInConstructor("hangs-http", "HangHttp", FLAG);
        long started = System.nanoTime();
        CompletableFuture<Reply> upload = CompletableFuture.supplyAsync(
                () -> api.postBytes("/api/plugins", "application/java-archive", jar));
        ApiFixture.await("the constructor to start hanging", () -> Boolean.getBoolean(FLAG + ".entered"));

        Reply health = api.send(HttpRequest.newBuilder(api.uri("/api/health")).timeout(Duration.ofSeconds(3)).GET().build());
        assertEquals(200, health.status(), health.text());
        Reply plugins = api.send(api.request("/api/plugins").timeout(Duration.ofSeconds(3)).GET().build()).expect(200);
        assertFalse(upload.isDone(), "health and the plugin list answered while the upload's load hangs");
        assertEquals(0, plugins.json().size(), plugins.text());

        Reply failed = upload.get(LIMIT_SECONDS + 30, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("plugin_load_timeout", failed.error(400));
        String message = failed.json().get("message").asText();
        assertTrue(message.contains("timed out after " + LIMIT_SECONDS + " s while creating handler class")
                && message.contains("HangHttpHandler"), message);
        assertEquals("LOAD_TIMEOUT", failed.json().get("details").get("problem").asText());
        assertTrue(tookMillis >= LIMIT_SECONDS * 1000L, "answered after " + tookMillis + " ms");

        api.postBytes("/api/plugins", "application/java-archive",
                ApiTestPluginJars.withHandler("after-hang", "1.0.0", "AfterHang")).expect(201);
    }
}
