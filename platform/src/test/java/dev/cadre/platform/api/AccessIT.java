package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.testing.Sql;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what, over real HTTP: every route with no token, a wrong token and each role; the
 * caller is who completes a task, whatever the body says; disabled users and revoked tokens are out.
 */
class AccessIT {

    @TempDir
    static Path home;

    static ApiFixture api;
    /** username -> token */
    static final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home);
        for (List<String> user : List.of(List.of("ada", "admin"), List.of("otto", "operator"), List.of("rita", "reviewer"),
                List.of("alex", "approver"), List.of("mia", "metrics"), List.of("aud", "auditor"))) {
            JsonNode created = api.postJson("/api/users", api.json(Map.of("username", user.get(0), "roles", List.of(user.get(1)))))
                    .expect(201).json();
            assertEquals(List.of(user.get(1)), List.of(created.get("roles").get(0).asText()));
            tokens.put(user.get(0), created.get("token").asText());
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
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).timeout(ApiFixture.PATIENCE);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request.method(method, body).build());
    }

    /** The route's path with its parameters filled; a user's own name where a route is "admin or self". */
    private static String concrete(Route route, String caller) {
        return route.path().replace("{username}", caller).replaceAll("\\{[A-Za-z]+}", "no-such-thing");
    }

    @Test
    void everyRouteAnswersEachCallerAsItsAccessSays() {
        List<String> problems = new ArrayList<>();
        for (Route route : api.server.routes()) {
            String body = route.body() == Route.Body.NONE ? null : "{}";
            String path = concrete(route, "nobody");
            int anonymous = call(route.method(), path, null, body).status();
            int forged = call(route.method(), path, "cadre_forged-token", body).status();
            if (route.open()) {
                if (anonymous == 401) {
                    problems.add(route + " is open but answered 401");
                }
                continue;
            }
            if (anonymous != 401 || forged != 401) {
                problems.add(route + " answered " + anonymous + " without a token and " + forged + " with a forged one");
            }
            for (Map.Entry<String, String> caller : tokens.entrySet()) {
                Reply reply = call(route.method(), concrete(route, caller.getKey()), caller.getValue(), body);
                boolean allowed = route.access().allows(api.host.users().find(caller.getKey()).orElseThrow().principal());
                if (allowed && (reply.status() == 401 || reply.status() == 403)) {
                    problems.add(route + " refused " + caller.getKey() + ": " + reply.status() + " " + reply.text());
                }
                if (!allowed && reply.status() != 403) {
                    problems.add(route + " let " + caller.getKey() + " through: " + reply.status());
                }
                if (!allowed && !reply.json().get("details").get("missingRole").asText().equals(route.access().role())) {
                    problems.add(route + " did not name the missing role: " + reply.text());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * The rule the matrix above applies, spelled out for the two narrow roles: the Prometheus credential
     * reads /metrics and nothing else; the auditor reads runs and the audit log and changes nothing.
     */
    @Test
    void theMetricsCredentialReadsMetricsOnlyAndTheAuditorReadsButChangesNothing() {
        String mia = tokens.get("mia");
        call("GET", "/metrics", mia, null).expect(200);
        for (String path : List.of("/api/workflows", "/api/templates", "/api/plugins", "/api/tasks", "/api/me", "/api/audit", "/api/handlers",
                "/api/workflows/any/artifacts", "/api/stats/handlers", "/api/openapi.json", "/api/no-such-route")) {
            Reply refused = call("GET", path, mia, null);
            assertEquals(403, refused.status(), path + ": " + refused.text());
        }
        api.get("/api/health").expect(200);

        String aud = tokens.get("aud");
        for (String path : List.of("/api/workflows", "/api/templates", "/api/tasks", "/api/audit", "/api/me")) {
            call("GET", path, aud, null).expect(200);
        }
        assertEquals(403, call("GET", "/metrics", aud, null).status());
        assertEquals(403, call("POST", "/api/workflows", aud, api.json(Map.of("template", "one-approval", "businessKey", "AUDITOR"))).status());
        assertEquals(403, call("GET", "/api/users", aud, null).status());
        assertEquals(403, call("PATCH", "/api/users/ada", aud, "{\"disabled\": true}").status());
    }

    @Test
    void completedByIsTheCallerAndATaskNeedsItsRole() {
        String id = call("POST", "/api/workflows", tokens.get("otto"), api.json(Map.of("template", "one-approval", "businessKey", "ACCESS")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the approval waits", () -> call("GET", "/api/tasks?mine=true", tokens.get("alex"), null).text().contains(id));
        assertFalse(call("GET", "/api/tasks?mine=true", tokens.get("rita"), null).text().contains(id), "not in a reviewer's inbox");

        Reply reviewer = call("POST", "/api/workflows/" + id + "/activities/APPROVE/complete", tokens.get("rita"),
                "{\"outcome\": \"APPROVED\"}");
        assertEquals(403, reviewer.status());
        assertEquals("approver", reviewer.json().get("details").get("missingRole").asText());

        ApiFixture.await("the approver's completion is accepted", () -> call("POST", "/api/workflows/" + id + "/activities/APPROVE/complete",
                tokens.get("alex"), "{\"outcome\": \"APPROVED\", \"completedBy\": \"mallory\", \"comment\": \"ok\"}").status() == 202);
        ApiFixture.await("the run completes", () -> "COMPLETED".equals(
                call("GET", "/api/workflows/" + id, tokens.get("rita"), null).json().get("status").asText()));
        List<Map<String, Object>> rows = Sql.query(api.host.database().dataSource(), """
                SELECT a.completed_by, a.output::text AS output FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'APPROVE'""", id);
        assertEquals("alex", rows.get(0).get("completed_by"));
        assertFalse(((String) rows.get(0).get("output")).contains("mallory"), "a name in the body is never stored");
    }

    @Test
    void aClaimNeedsTheTasksRoleAndOnlyAnAdminEndsSomeoneElsesClaim() {
        String id = call("POST", "/api/workflows", tokens.get("otto"), api.json(Map.of("template", "one-approval", "businessKey", "CLAIMS")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the approval waits", () -> call("GET", "/api/tasks?mine=true", tokens.get("alex"), null).text().contains(id));
        String claim = "/api/workflows/" + id + "/activities/APPROVE/claim";
        for (String other : List.of("rita", "aud", "otto", "ada")) {
            Reply refused = call("POST", claim, tokens.get(other), null);
            assertEquals(403, refused.status(), other + ": " + refused.text());
            assertEquals("approver", refused.json().get("details").get("missingRole").asText());
        }
        assertEquals("alex", call("POST", claim, tokens.get("alex"), null).expect(200).json().get("claimedBy").asText());
        assertEquals(403, call("DELETE", claim, tokens.get("rita"), null).status(), "no role, no unclaim");
        assertTrue(call("DELETE", claim, tokens.get("ada"), null).expect(200).json().get("claimedBy").isNull());
        assertTrue(api.get("/api/audit?type=task.unclaim").text().contains("workflow:" + id + "/APPROVE"), "an admin's unclaim is audited");
    }

    @Test
    void adminMayCompleteAnyTaskAndTheOverrideIsRecorded() {
        String id = call("POST", "/api/workflows", tokens.get("otto"), api.json(Map.of("template", "one-approval", "businessKey", "OVERRIDE")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the admin's completion is accepted", () -> call("POST", "/api/workflows/" + id + "/activities/APPROVE/complete",
                tokens.get("ada"), "{\"outcome\": \"APPROVED\"}").status() == 202);
        ApiFixture.await("the run completes", () -> "COMPLETED".equals(
                call("GET", "/api/workflows/" + id, tokens.get("ada"), null).json().get("status").asText()));
        Map<String, Object> row = Sql.query(api.host.database().dataSource(), """
                SELECT a.completed_by, a.output->>'override' AS override FROM workflow_activities a
                JOIN workflow_instances w ON w.id = a.workflow_instance_id WHERE w.workflow_id = ? AND a.activity_code = 'APPROVE'""", id).get(0);
        assertEquals("ada", row.get("completed_by"));
        assertEquals("true", row.get("override"));
    }

    @Test
    void disabledUsersAndRevokedTokensAreUnknown() {
        JsonNode created = api.postJson("/api/users", api.json(Map.of("username", "dora", "displayName", "Dora D.", "roles", List.of("reviewer"))))
                .expect(201).json();
        String first = created.get("token").asText();
        JsonNode me = call("GET", "/api/me", first, null).expect(200).json();
        assertEquals("dora", me.get("username").asText());
        assertEquals("Dora D.", me.get("displayName").asText());

        JsonNode second = call("POST", "/api/users/dora/tokens", first, null).expect(201).json();
        assertEquals(200, call("DELETE", "/api/users/dora/tokens/" + created.get("tokenId").asLong(), second.get("token").asText(), null).status());
        assertEquals(401, call("GET", "/api/me", first, null).status(), "a revoked token is unknown");
        assertEquals(200, call("GET", "/api/me", second.get("token").asText(), null).status());
        assertEquals(403, call("POST", "/api/users/rita/tokens", second.get("token").asText(), null).status(), "not someone else's tokens");

        api.send(api.request("/api/users/dora").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"disabled\": true}")).build()).expect(200);
        assertEquals(401, call("GET", "/api/me", second.get("token").asText(), null).status(), "a disabled user is unknown");
        JsonNode listed = api.get("/api/users").expect(200).json();
        assertTrue(listed.toString().contains("\"disabled\":true"), listed.toString());
        assertFalse(listed.toString().contains("cadre_"), "no token secret is ever listed");
    }

    @Test
    void badUserInputIsRefusedWithItsPlace() {
        assertEquals("invalid_user", api.postJson("/api/users", "{\"username\": \"Bad Name\", \"roles\": [\"x\"]}").error(400));
        assertEquals("invalid_field", api.postJson("/api/users", "{\"username\": \"nobody\", \"roles\": []}").error(400));
        Reply shortPassword = api.postJson("/api/users", "{\"username\": \"pat\", \"roles\": [\"reviewer\"], \"password\": \"short\"}");
        assertEquals("invalid_user", shortPassword.error(400));
        assertTrue(shortPassword.text().contains("at least 10"), shortPassword.text());
        assertEquals("user_exists", api.postJson("/api/users", "{\"username\": \"rita\", \"roles\": [\"reviewer\"]}").error(409));
        assertNotEquals(201, api.postJson("/api/users", "{\"username\": \"eve\", \"roles\": [\"Admin!\"]}").status());
    }
}
