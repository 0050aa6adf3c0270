package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's audit log over real HTTP on a real host: changes to users, tokens, templates and runs,
 * sign-ins and an admin's override are recorded with who, what, before and after, and from where; the
 * auditor reads them newest first with filters and a cursor; nobody else does; and the rows cannot be
 * changed or deleted, not even by the database user the host runs as.
 */
class AuditIT {

    @TempDir
    static Path home;

    static ApiFixture api;
    static final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home);
        for (List<String> user : List.of(List.of("aud", "auditor"), List.of("otto", "operator"), List.of("mia", "metrics"),
                List.of("rita", "reviewer"), List.of("alex", "approver"))) {
            tokens.put(user.get(0), api.postJson("/api/users", api.json(Map.of("username", user.get(0), "roles", List.of(user.get(1)),
                    "password", "correct horse battery"))).expect(201).json().get("token").asText());
        }
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/api/one-approval.json"))).expect(201);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static Reply call(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).timeout(ApiFixture.PATIENCE).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static List<JsonNode> events(String query) {
        JsonNode page = call("GET", "/api/audit" + query, tokens.get("aud"), null).expect(200).json();
        List<JsonNode> events = new ArrayList<>();
        page.get("events").forEach(events::add);
        return events;
    }

    @Test
    void tokensUsersTemplatesAndSignInsAreRecordedWithWhoWhatAndWhere() throws Exception {
        call("POST", "/api/users/rita/tokens", tokens.get("rita"), null).expect(201);
        api.postJson("/api/users/rita/tokens", "").expect(201);
        call("PATCH", "/api/users/rita", ApiFixture.TOKEN, "{\"roles\": [\"reviewer\", \"approver\"]}").expect(200);

        List<JsonNode> ritasOwn = events("?type=token.issue&actor=rita");
        assertEquals(1, ritasOwn.size(), ritasOwn.toString());
        assertFalse(ritasOwn.get(0).get("override").asBoolean(), "a token for oneself is no override");
        assertEquals("127.0.0.1", ritasOwn.get(0).get("client").asText());

        JsonNode minted = events("?type=token.issue&actor=admin").get(0);
        assertEquals("user:rita", minted.get("target").asText());
        assertTrue(minted.get("override").asBoolean(), "an admin minting a token for someone else is marked: " + minted);

        JsonNode change = events("?type=user.update").get(0);
        assertEquals("[\"reviewer\"]", change.get("before").get("roles").toString());
        assertEquals("[\"reviewer\",\"approver\"]", change.get("after").get("roles").toString());
        assertFalse(change.get("after").get("passwordChanged").asBoolean());

        List<String> templateActions = events("?type=template.publish").stream().map(e -> e.get("target").asText()).toList();
        assertTrue(templateActions.contains("template:one-approval"), templateActions.toString());
        assertEquals(1, events("?type=template.import").size());

        HttpRequest wrong = HttpRequest.newBuilder(api.uri("/login")).timeout(ApiFixture.PATIENCE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=otto&password=not-the-password")).build();
        assertEquals(401, api.send(wrong).status());
        JsonNode failure = events("?type=signin.failure&actor=otto").get(0);
        assertEquals("user:otto", failure.get("target").asText());
        assertEquals("password", failure.get("after").get("method").asText());
    }

    @Test
    void runsAndAnAdminsOverrideAreRecorded() {
        String id = call("POST", "/api/workflows", tokens.get("otto"), api.json(Map.of("template", "one-approval", "businessKey", "AUDIT-1")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the approval waits", () -> api.get("/api/tasks?workflowId=" + id).json().size() == 1);
        // the bootstrap admin holds no 'approver' role: completing it is an override
        ApiFixture.await("the admin's completion is accepted", () -> api.postJson("/api/workflows/" + id + "/activities/APPROVE/complete",
                "{\"outcome\": \"APPROVED\"}").status() == 202);

        JsonNode start = events("?type=run.start&actor=otto").stream().filter(e -> e.get("target").asText().equals("workflow:" + id))
                .findFirst().orElseThrow();
        assertEquals("AUDIT-1", start.get("after").get("businessKey").asText());
        JsonNode override = events("?type=task.complete").get(0);
        assertEquals("admin", override.get("actor").asText());
        assertEquals("workflow:" + id + "/APPROVE", override.get("target").asText());
        assertTrue(override.get("override").asBoolean());
        assertEquals("APPROVED", override.get("after").get("outcome").asText());

        String second = call("POST", "/api/workflows", tokens.get("otto"), api.json(Map.of("template", "one-approval", "businessKey", "AUDIT-2")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the second approval waits", () -> api.get("/api/tasks?workflowId=" + second).json().size() == 1);
        call("POST", "/api/workflows/" + second + "/activities/APPROVE/complete", tokens.get("alex"), "{\"outcome\": \"APPROVED\"}").expect(202);
        assertTrue(events("?type=task.complete").stream().noneMatch(e -> e.get("target").asText().startsWith("workflow:" + second)),
                "a completion by the task's own role is in the run records, not an override");
    }

    @Test
    void pluginChangesAndArtifactReplacementsAreRecordedWithTheVersionsAndSums() {
        api.postBytes("/api/plugins", "application/java-archive",
                dev.cadre.platform.plugins.ApiTestPluginJars.withHandler("audited", "1.0.0", "AuditedHandler")).expect(201);
        api.postBytes("/api/plugins", "application/java-archive",
                dev.cadre.platform.plugins.ApiTestPluginJars.withHandler("audited", "1.1.0", "AuditedHandler")).expect(201);
        api.post("/api/plugins/audited/stop").expect(200);
        api.delete("/api/plugins/audited").expect(200);

        assertEquals("1.0.0", events("?type=plugin.install").get(0).get("after").get("version").asText());
        JsonNode upgrade = events("?type=plugin.upgrade").get(0);
        assertEquals("plugin:audited", upgrade.get("target").asText());
        assertEquals("1.0.0", upgrade.get("before").get("version").asText());
        assertEquals("1.1.0", upgrade.get("after").get("version").asText());
        assertEquals(64, upgrade.get("after").get("sha256").asText().length());
        assertEquals("STOPPED", events("?type=plugin.disable").get(0).get("after").get("state").asText());
        assertEquals("1.1.0", events("?type=plugin.remove").get(0).get("before").get("version").asText());

        String id = call("POST", "/api/workflows", tokens.get("otto"), api.json(Map.of("template", "one-approval", "businessKey", "AUDIT-ART")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the run is recorded", () -> api.get("/api/tasks?workflowId=" + id).json().size() == 1);
        String path = "/api/workflows/" + id + "/artifacts/evidence/owner.csv";
        api.put(path, "text/csv", "a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).expect(201);
        assertEquals(0, events("?type=artifact.replace").size(), "a first upload replaces nothing");
        api.put(path + "?replace=true", "text/csv", "a,b\n1,3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).expect(201);
        JsonNode replaced = events("?type=artifact.replace").get(0);
        assertEquals("workflow:" + id + "/artifacts/evidence/owner.csv", replaced.get("target").asText());
        assertFalse(replaced.get("before").get("sha256").asText().equals(replaced.get("after").get("sha256").asText()));
    }

    @Test
    void pagesFollowEachOtherNewestFirstWithoutGapsOrRepeats() {
        for (int i = 0; i < 5; i++) {
            call("POST", "/api/users/otto/tokens", tokens.get("otto"), null).expect(201);
        }
        List<Long> all = events("?limit=1000").stream().map(e -> e.get("id").asLong()).toList();
        List<Long> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = call("GET", "/api/audit?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), tokens.get("aud"), null).expect(200).json();
            page.get("events").forEach(e -> paged.add(e.get("id").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertEquals(all, paged);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1) > all.get(i), "newest first: " + all);
        }
        assertEquals(Set.copyOf(all).size(), all.size());
        assertTrue(all.size() >= 5);

        assertNull(call("GET", "/api/audit?since=PT1H&limit=1000", tokens.get("aud"), null).expect(200).json().get("nextCursor").textValue());
        assertEquals(0, events("?since=2000-01-01T00:00:00Z&actor=nobody-at-all").size());
        assertEquals("invalid_parameter", call("GET", "/api/audit?type=plugin.explode", tokens.get("aud"), null).error(400));
        assertEquals("invalid_parameter", call("GET", "/api/audit?since=yesterday", tokens.get("aud"), null).error(400));
        assertEquals("invalid_parameter", call("GET", "/api/audit?cursor=abc", tokens.get("aud"), null).error(400));
    }

    @Test
    void onlyAdminsAndAuditorsReadTheLogAndAuditorsChangeNothing() {
        api.get("/api/audit").expect(200);
        for (String other : List.of("otto", "mia", "rita")) {
            Reply refused = call("GET", "/api/audit", tokens.get(other), null);
            assertEquals("forbidden", refused.error(403));
            assertEquals("auditor", refused.json().get("details").get("missingRole").asText());
        }
        call("GET", "/api/workflows", tokens.get("aud"), null).expect(200);
        assertEquals(403, call("POST", "/api/workflows", tokens.get("aud"), api.json(Map.of("template", "one-approval", "businessKey", "NO")))
                .status());
        assertEquals(403, call("POST", "/api/templates?publish=true", tokens.get("aud"), "{}").status());
    }

    @Test
    void theConsolesAuditPageIsForAuditorsAndShowsTheirOwnSignIn() {
        String auditor = consoleSession("aud");
        Reply page = api.send(HttpRequest.newBuilder(api.uri("/audit?type=signin.success&actor=aud")).timeout(ApiFixture.PATIENCE)
                .header("Cookie", auditor).GET().build());
        assertEquals(200, page.status(), page.text());
        assertTrue(page.text().contains("id=\"audit-events\"") && page.text().contains("signin.success") && page.text().contains("user:aud"),
                page.text());
        Reply operator = api.send(HttpRequest.newBuilder(api.uri("/audit")).timeout(ApiFixture.PATIENCE)
                .header("Cookie", consoleSession("otto")).GET().build());
        assertEquals(403, operator.status());
    }

    /** @return the Cookie header of a console session of that user (password sign-in) */
    private static String consoleSession(String username) {
        Reply signIn = api.send(HttpRequest.newBuilder(api.uri("/login")).timeout(ApiFixture.PATIENCE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=correct+horse+battery")).build());
        assertEquals(303, signIn.status(), signIn.text());
        return signIn.raw().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @Test
    void theHostsDatabaseUserCanNeitherUpdateNorDeleteAuditRows() throws Exception {
        call("POST", "/api/users/otto/tokens", tokens.get("otto"), null).expect(201);
        DataSource db = api.host.database().dataSource();
        int before = dev.cadre.platform.testing.Sql.query(db, "SELECT id FROM audit_events").size();
        List<String> refusals = new ArrayList<>();
        for (String sql : List.of("UPDATE audit_events SET actor = 'someone-else'", "DELETE FROM audit_events", "TRUNCATE audit_events",
                "DELETE FROM audit_events WHERE actor = 'otto'")) {
            SQLException refused = assertThrows(SQLException.class, () -> run(db, null, sql), sql);
            refusals.add(refused.getMessage());
        }
        assertTrue(refusals.stream().allMatch(m -> m.contains("append-only")), refusals.toString());

        // a role that is not the owner, even one granted everything, is refused by the trigger too
        run(db, null, "CREATE ROLE audit_probe NOLOGIN");
        run(db, null, "GRANT ALL ON audit_events TO audit_probe");
        SQLException granted = assertThrows(SQLException.class, () -> run(db, "audit_probe", "UPDATE audit_events SET actor = 'x'"));
        assertTrue(granted.getMessage().contains("append-only"), granted.getMessage());
        run(db, null, "REVOKE ALL ON audit_events FROM audit_probe");
        // and without grants (what PUBLIC has), the privilege check refuses before the trigger
        SQLException plain = assertThrows(SQLException.class, () -> run(db, "audit_probe", "DELETE FROM audit_events"));
        assertTrue(plain.getMessage().contains("permission denied"), plain.getMessage());
        run(db, null, "DROP ROLE audit_probe");

        List<Map<String, Object>> after = dev.cadre.platform.testing.Sql.query(db, "SELECT actor FROM audit_events");
        assertEquals(before, after.size());
        assertFalse(after.stream().anyMatch(r -> "someone-else".equals(r.get("actor"))));
    }

    private static void run(DataSource db, String role, String sql) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            if (role != null) {
                statement.execute("SET ROLE " + role);
            }
            try {
                statement.execute(sql);
            } finally {
                if (role != null) {
                    statement.execute("RESET ROLE");
                }
            }
        }
    }
}
