package dev.cadre.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.cli.CadreMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CADRE_LOG_FORMAT}: both logback configurations (the platform jar's and the distribution's
 * conf/logback.xml), in JVMs of their own, as the CLI starts them: text by default, one JSON object per
 * line with json, the MDC's workflowId and activity as fields.
 */
class LogFormatIT {

    private static final Path DISTRIBUTION_CONFIG = Path.of("../distribution/src/main/conf/logback.xml").toAbsolutePath();
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path home;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run java(Map<String, String> environment, List<String> jvmOptions, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("CADRE_LOG_FORMAT");
        builder.environment().putAll(environment);
        Path err = home.resolve("stderr-" + System.nanoTime());
        Path out = home.resolve("stdout-" + System.nanoTime());
        builder.redirectError(err.toFile()).redirectOutput(out.toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end; stderr:\n" + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            JsonNode node = mapper.readTree(line); // every line is one JSON object, or this throws
            assertTrue(node.isObject(), line);
            lines.add(node);
        }
        return lines;
    }

    private static JsonNode handlerLine(List<JsonNode> lines) {
        return lines.stream().filter(l -> l.path("logger_name").asText().equals("cadre.handler.LogLineHandler")).findFirst()
                .orElseThrow(() -> new AssertionError("no handler line in " + lines));
    }

    private void assertHandlerLine(JsonNode line) {
        assertEquals("report generated with 7 sections", line.get("message").asText());
        assertEquals("INFO", line.get("level").asText());
        assertEquals("wf-log-1", line.get("workflowId").asText());
        assertEquals("GENERATE_REPORT[finance]", line.get("activity").asText());
        assertTrue(line.has("@timestamp"), line.toString());
    }

    @Test
    void thePlatformDefaultWritesJsonLinesWhenAsked() throws Exception {
        Run json = java(Map.of("CADRE_LOG_FORMAT", "json"), List.of(), LogLine.class);
        assertEquals(0, json.exitCode(), json.stderr());
        assertHandlerLine(handlerLine(jsonLines(json.stderr())));

        Run text = java(Map.of(), List.of(), LogLine.class);
        assertTrue(text.stderr().contains("INFO  [main] cadre.handler.LogLineHandler - report generated with 7 sections"), text.stderr());
        assertFalse(text.stderr().strip().startsWith("{"), text.stderr());
    }

    @Test
    void theDistributionsConsoleAndFileWriteJsonLinesWhenAsked() throws Exception {
        List<String> config = List.of("-Dlogback.configurationFile=" + DISTRIBUTION_CONFIG);
        Map<String, String> environment = new HashMap<>(Map.of("CADRE_HOME", home.toString(), "CADRE_LOG_FORMAT", "json"));
        Run json = java(environment, config, LogLine.class);
        assertEquals(0, json.exitCode(), json.stderr());
        assertHandlerLine(handlerLine(jsonLines(json.stderr())));
        assertHandlerLine(handlerLine(jsonLines(Files.readString(home.resolve("data/logs/cadre.json")))));
        assertFalse(Files.exists(home.resolve("data/logs/cadre.log")), "text and JSON never share a file");

        environment.remove("CADRE_LOG_FORMAT");
        Run text = java(environment, config, LogLine.class);
        assertTrue(text.stderr().contains("c.handler.LogLineHandler [wf-log-1 GENERATE_REPORT[finance]] - report generated with 7 sections"),
                text.stderr());
        assertTrue(Files.readString(home.resolve("data/logs/cadre.log")).contains("[wf-log-1 GENERATE_REPORT[finance]] - report generated"),
                "the text file line");
    }

    /** Issue 20: logback configures itself silently (it prints its status when a configuration warns). */
    @Test
    void neitherConfigurationPrintsLogbackStatus() throws Exception {
        List<String> distribution = List.of("-Dlogback.configurationFile=" + DISTRIBUTION_CONFIG);
        for (String format : List.of("text", "json")) {
            Map<String, String> environment = Map.of("CADRE_HOME", home.toString(), "CADRE_LOG_FORMAT", format);
            for (List<String> config : List.of(List.<String>of(), distribution)) {
                Run run = java(environment, config, LogLine.class);
                assertEquals(0, run.exitCode(), run.stderr());
                assertEquals("", run.stdout(), format + " " + config);
                assertFalse(run.stderr().contains("|-"), format + " " + config + ": " + run.stderr());
            }
        }
    }

    @Test
    void theCliLogsJsonAndRefusesAnUnknownFormat() throws Exception {
        Map<String, String> environment = Map.of("CADRE_HOME", home.toString(), "CADRE_LOG_FORMAT", "json");
        Run migrate = java(environment, List.of(), CadreMain.class, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.stderr());
        List<JsonNode> lines = jsonLines(migrate.stderr());
        assertTrue(lines.stream().anyMatch(l -> l.path("message").asText().startsWith("Database migrated to version")), lines.toString());

        Run typo = java(Map.of("CADRE_HOME", home.toString(), "CADRE_LOG_FORMAT", "jsno"), List.of(), CadreMain.class, "migrate");
        assertEquals(true, typo.exitCode() != 0, typo.stderr());
        assertTrue(typo.stderr().contains("CADRE_LOG_FORMAT must be one of [text, json], got 'jsno'"), typo.stderr());
    }
}
