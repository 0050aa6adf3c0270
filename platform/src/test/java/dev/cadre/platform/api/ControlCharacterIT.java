package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Control characters in identifiers, text fields, paths and queries are refused with 400, and never reach the log. */
class ControlCharacterIT {

    @TempDir
    static Path home;
    static ApiFixture api;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home);
        api.postBytes("/api/plugins", "application/java-archive", ApiTestPluginJars.withHandler("api-greeter", "1.0.0", "ApiGreet")).expect(201);
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/api/api-flow.json"))).expect(201);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void capture() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logged);
    }

    @AfterEach
    void noRawControlCharacterWasLogged() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        for (ILoggingEvent event : logged.list) {
            assertFalse(event.getFormattedMessage().contains("\u0000"), () -> "a NUL reached the log: " + event.getFormattedMessage());
        }
    }

    @Test
    void aBusinessKeyWithANulIsRefused() {
        // before: 201, and the run could never be recorded (it sat RUNNING with no phases)
        Reply reply = api.postJson("/api/workflows", api.json(Map.of("template", "api-flow", "businessKey", "Q3\u0000REPORT",
                "parameters", Map.of("owners", List.of("finance")))));
        assertEquals("control_character", reply.error(400));
        assertEquals("businessKey", reply.json().get("details").get("field").asText());
    }

    @Test
    void aControlCharacterDeepInParametersOrInAFieldNameIsRefused() {
        Reply nested = api.postJson("/api/workflows", api.json(Map.of("template", "api-flow", "businessKey", "OK-1",
                "parameters", Map.of("owners", List.of("finance", "esc\u001b[31m")))));
        assertEquals("control_character", nested.error(400));
        assertEquals("parameters.owners[1]", nested.json().get("details").get("field").asText());
        assertEquals("control_character", api.postJson("/api/users", "{\"username\":\"a\\nb\",\"roles\":[\"operator\"]}").error(400));
        assertEquals("control_character", api.postJson("/api/users", "{\"username\":\"ab\",\"roles\":[\"op\\u0000\"]}").error(400));
    }

    @Test
    void aLineBreakInAnOptionalInstanceIdIsRefused() {
        Reply claim = api.postJson("/api/workflows/no-such-run/activities/GREET/claim", "{\"instanceId\": \"a\\nb\"}");
        assertEquals("control_character", claim.error(400));
        assertEquals("instanceId", claim.json().get("details").get("field").asText());
        Reply completion = api.postJson("/api/workflows/no-such-run/activities/GREET/complete",
                "{\"outcome\": \"APPROVED\", \"instanceId\": \"a\\rb\"}");
        assertEquals("control_character", completion.error(400));
    }

    @Test
    void aNulInAPathIsA400NotA500() {
        // before: 500 in the API and the console, and raw NULs written into cadre.log
        assertEquals("control_character", api.get("/api/workflows/some-run/artifacts/a%00b.csv").error(400));
        assertEquals("control_character", api.get("/api/workflows/a%00b").error(400));
        assertEquals("control_character", api.get("/workflows/a%00b/artifacts/x").error(400));
        assertEquals("control_character", api.get("/api/workflows?status=RUNNING%0aINFO").error(400));
    }

    @Test
    void aConsoleFormFieldWithANulIsRefused() {
        HttpRequest request = HttpRequest.newBuilder(api.uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin%00x&password=whatever-it-is")).build();
        assertEquals(400, api.send(request).status());
    }

    @Test
    void multiLineTextStaysAllowed() {
        Reply reply = api.postJson("/api/workflows", api.json(Map.of("template", "api-flow", "businessKey", "MULTI-LINE",
                "parameters", Map.of("owners", List.of("finance"), "note", "the board\nand the auditors"))));
        assertEquals(201, reply.status(), reply::text);
    }
}
