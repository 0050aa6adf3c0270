package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.engine.ParameterFiles;
import dev.cadre.platform.runs.ActivityView;
import dev.cadre.platform.testing.Sql;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fan-out over a list too long to start inline: the elements go up as a parameter file, a start names
 * it, and the run reads it a batch at a time. A bad file is refused whole, naming the element to blame.
 */
class ParameterFilesIT {

    /** 16 estimated events per instance: 312 instances per batch, so the run reads four pages. */
    private static final int ITEMS = 1_200;

    @TempDir
    static Path home;

    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home, Map.of("CADRE_ADMIN_MAX_UPLOAD_BYTES", String.valueOf(4 * 1024 * 1024)));
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/templates/wide-two-steps.json"))).expect(201);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aRunFansOutOverAnUploadedFileABatchAtATime() throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            items.add(Map.of("id", "acct-" + i, "owner", "owner-" + (i % 7)));
        }
        byte[] body = api.json(items).getBytes(StandardCharsets.UTF_8);

        JsonNode file = api.postBytes("/api/parameter-files", "application/json", body).expect(201).json();
        String id = file.get("id").asText();
        assertEquals(ITEMS, file.get("elements").asInt());
        assertEquals(body.length, file.get("size").asLong());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), file.get("sha256").asText());
        assertEquals("admin", file.get("uploadedBy").asText());
        assertEquals(file, api.get("/api/parameter-files/" + id).expect(200).json());

        String workflowId = api.postJson("/api/workflows", api.json(Map.of("template", "wide-two-steps", "businessKey", "FILE-1",
                "parameters", Map.of("items", Map.of("$file", id))))).expect(201).json().get("workflowId").asText();

        ApiFixture.await("the run completes", () -> "COMPLETED".equals(api.get("/api/workflows/" + workflowId).json().path("status").asText()));
        List<Map<String, Object>> rows = Sql.query(api.host.database().dataSource(), """
                SELECT a.activity_code, count(*) AS n, min(a.instance_id) AS first FROM workflow_activities a
                JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.status = 'COMPLETED' AND a.instance_id <> '' GROUP BY a.activity_code ORDER BY 1""", workflowId);
        assertEquals(2, rows.size(), rows.toString());
        for (Map<String, Object> row : rows) {
            assertEquals((long) ITEMS, ((Number) row.get("n")).longValue(), "every element ran: " + row);
            assertTrue(String.valueOf(row.get("first")).startsWith("acct-"), "instances are keyed by the elements' ids: " + row);
        }
        JsonNode detail = api.get("/api/workflows/" + workflowId).json();
        JsonNode tick = detail.path("phases").get(0).path("activities").get(1);
        assertEquals("TICK", tick.path("code").asText());
        assertEquals(ITEMS, tick.path("instanceCount").asInt(), "the detail counts every instance");
        assertEquals(ITEMS, tick.path("instanceCounts").path("COMPLETED").asInt());
        assertEquals(ActivityView.INSTANCES_SHOWN, tick.path("instances").size(), "and lists a bounded number of them");
        assertEquals("COMPLETED", tick.path("status").asText());
        JsonNode recorded = detail.path("parameters").path("items");
        assertEquals(id, recorded.path("$file").asText(), "the run records the file it read, not its elements: " + recorded);
        assertEquals(ITEMS, recorded.path("elements").asInt());
    }

    /**
     * The detail of a run with 100,000 instances per activity (its records written straight into the tables, as
     * the run would leave them, with three failures among them) counts them all, lists a bounded number, and
     * lists the failures first. How long it took is logged (measured in HostBenchmark, never asserted).
     */
    @Test
    void theDetailOfAHundredThousandInstanceRunCountsThemAndListsTheFailuresFirst() throws Exception {
        javax.sql.DataSource db = api.host.database().dataSource();
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO workflow_instances (workflow_id, run_id, template_id, template_code, template_version, business_key, status, completed_at)
                    SELECT 'wide-two-steps-HUGE', 'run-1', t.id, t.code, t.version, 'HUGE', 'FAILED', now()
                    FROM workflow_templates t WHERE t.code = 'wide-two-steps' AND t.status = 'PUBLISHED'""");
            s.execute("""
                    INSERT INTO workflow_activities (workflow_instance_id, activity_template_id, activity_code, phase_name, instance_id,
                        execution_mode, status, handler_name, started_at, completed_at)
                    SELECT w.id, a.id, a.activity_code, p.phase_name, 'item-' || lpad(n::text, 6, '0'), a.execution_mode,
                        CASE WHEN a.activity_code = 'TOCK' AND n IN (4242, 77777, 99999) THEN 'FAILED' ELSE 'COMPLETED' END,
                        a.handler_name, now(), now()
                    FROM workflow_instances w JOIN workflow_activity_templates a ON a.template_id = w.template_id
                    JOIN workflow_phase_templates p ON p.id = a.phase_id CROSS JOIN generate_series(0, 99999) n
                    WHERE w.workflow_id = 'wide-two-steps-HUGE' AND a.activity_code IN ('TICK', 'TOCK')""");
        }
        api.get("/api/workflows/wide-two-steps-HUGE").expect(200); // warm
        long began = System.nanoTime();
        JsonNode detail = api.get("/api/workflows/wide-two-steps-HUGE").expect(200).json();
        org.slf4j.LoggerFactory.getLogger(ParameterFilesIT.class).info("Detail of a 100,000-instance run: {} ms",
                (System.nanoTime() - began) / 1_000_000);

        JsonNode tock = detail.path("phases").get(0).path("activities").get(2);
        assertEquals("TOCK", tock.path("code").asText());
        assertEquals(100_000, tock.path("instanceCount").asInt());
        assertEquals(3, tock.path("instanceCounts").path("FAILED").asInt());
        assertEquals(99_997, tock.path("instanceCounts").path("COMPLETED").asInt());
        assertEquals("FAILED", tock.path("status").asText());
        assertEquals(ActivityView.INSTANCES_SHOWN, tock.path("instances").size());
        List<String> failed = new ArrayList<>();
        tock.path("instances").forEach(i -> {
            if ("FAILED".equals(i.path("status").asText())) {
                failed.add(i.path("instanceId").asText());
            }
        });
        assertEquals(List.of("item-004242", "item-077777", "item-099999"), failed, "the failures are listed, whatever their place");
        assertEquals("item-000000", tock.path("instances").get(0).path("instanceId").asText(), "then the rest in instance order");
    }

    @Test
    void aBadFileIsRefusedWholeNamingTheElementToBlame() {
        long before = files();
        String big = "x".repeat(ParameterFiles.MAX_ELEMENT_CHARS);

        assertEquals(0, refused("{\"items\": []}", 400).path("details").size(), "not an array");
        assertTrue(refusal("[\"a\", \"b\", \"a\"]", 400).contains("elements 0 and 2 have the same instance key 'a'"));
        assertEquals(2, refused("[\"a\", \"b\", \"a\"]", 400).path("details").path("position").asInt());
        assertTrue(refusal("[\"a\", \"" + big + "\"]", 400).contains("element 1 is"));
        assertTrue(refusal("[{\"id\": \"a\", \"note\": \"line\\u0000break\"}]", 400).contains("field 'note'"));
        assertTrue(refusal("[1, 2", 400).contains("not valid JSON"));
        assertEquals("unsupported_media_type", api.postBytes("/api/parameter-files", "text/csv", "a\nb\n".getBytes(StandardCharsets.UTF_8))
                .expect(415).json().path("error").asText());
        assertEquals(before, files(), "nothing of a refused file is kept");
        assertEquals(0L, ((Number) Sql.query(api.host.database().dataSource(), "SELECT count(*) AS n FROM parameter_file_elements e"
                + " WHERE NOT EXISTS (SELECT 1 FROM parameter_files f WHERE f.id = e.file_id)").get(0).get("n")).longValue());
    }

    @Test
    void aStartNamingAMissingOrMisusedFileIsRefused() {
        String id = api.postBytes("/api/parameter-files", "application/json", "[\"a\", \"b\"]".getBytes(StandardCharsets.UTF_8))
                .expect(201).json().get("id").asText();

        String missing = api.postJson("/api/workflows", api.json(Map.of("template", "wide-two-steps", "businessKey", "FILE-2",
                "parameters", Map.of("items", Map.of("$file", "pf-nothing"))))).expect(400).json().path("message").asText();
        assertTrue(missing.contains("no parameter file pf-nothing"), missing);
        String misused = api.postJson("/api/workflows", api.json(Map.of("template", "wide-two-steps", "businessKey", "FILE-3",
                "parameters", Map.of("items", List.of("x"), "extra", Map.of("$file", id))))).expect(400).json().path("message").asText();
        assertTrue(misused.contains("parameters.extra: a file's elements can only be fanned out over"), misused);
    }

    @Test
    void onlyOperatorsUploadOrReadThemAndBeforeTheBodyIsRead() {
        String owner = api.createUser("dana", "Dana", "a-long-enough-password-1", "data-owner");
        Reply reply = api.send(HttpRequest.newBuilder(api.uri("/api/parameter-files")).timeout(ApiFixture.PATIENCE)
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[\"a\"]")).build());
        assertEquals(403, reply.status(), reply.text());
        Reply read = api.send(HttpRequest.newBuilder(api.uri("/api/parameter-files/pf-anything")).timeout(ApiFixture.PATIENCE)
                .header("Authorization", "Bearer " + owner).GET().build());
        assertEquals(403, read.status(), "nor read what operators uploaded: " + read.text());
    }

    private static JsonNode refused(String body, int status) {
        Reply reply = api.postBytes("/api/parameter-files", "application/json", body.getBytes(StandardCharsets.UTF_8)).expect(status);
        assertEquals("invalid_parameter_file", reply.json().path("error").asText(), reply.text());
        return reply.json();
    }

    private static String refusal(String body, int status) {
        return refused(body, status).path("message").asText();
    }

    private static long files() {
        return ((Number) Sql.query(api.host.database().dataSource(), "SELECT count(*) AS n FROM parameter_files").get(0).get("n")).longValue();
    }
}
