package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture.Reply;
import dev.cadre.platform.sso.TestIssuer;
import dev.cadre.platform.sso.TestIssuer.Person;
import dev.cadre.platform.testing.Sql;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API with single sign-on, against an in-process OpenID Connect provider: its access tokens are
 * accepted when signature, issuer, audience and expiry check out, and their groups become roles only
 * through the mappings admins keep; local tokens still work, and can be turned off.
 */
class SingleSignOnApiIT {

    static final Person OLIVIA = new Person("sub-olivia", "olivia", "Olivia Approver", List.of("staff", "cadre-approvers"));
    static final Person NORA = new Person("sub-nora", "nora", "Nora Nobody", List.of("staff"));
    static final Person MALLORY = new Person("sub-mallory", "rita", "Not Rita", List.of("cadre-approvers"));

    @TempDir
    static Path home;
    @TempDir
    static Path otherHome;

    static TestIssuer issuer;
    static ApiFixture api;

    static Map<String, String> sso() {
        return Map.of("CADRE_OIDC_ISSUER", issuer.issuer(), "CADRE_OIDC_CLIENT_ID", TestIssuer.CLIENT_ID,
                "CADRE_OIDC_CLIENT_SECRET", TestIssuer.CLIENT_SECRET);
    }

    @BeforeAll
    static void start() throws Exception {
        issuer = new TestIssuer();
        List.of(OLIVIA, NORA, MALLORY).forEach(issuer::add);
        api = new ApiFixture(home, sso());
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/api/one-approval.json"))).expect(201);
        api.send(api.request("/api/oidc/role-mappings").header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                "{\"mappings\": [{\"claimValue\": \"cadre-approvers\", \"roles\": [\"approver\"]},"
                        + " {\"claimValue\": \"cadre-auditors\", \"roles\": [\"auditor\"]}]}")).build()).expect(200);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    private static Reply as(String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).timeout(ApiFixture.PATIENCE).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void aMappedPersonsAccessTokenActsAsThemWithTheMappedRoles() {
        String token = issuer.accessToken(OLIVIA, TestIssuer.CLIENT_ID);
        JsonNode me = as(token, "GET", "/api/me", null).expect(200).json();
        assertEquals("olivia", me.get("username").asText());
        assertEquals("Olivia Approver", me.get("displayName").asText());
        assertEquals("[\"approver\"]", me.get("roles").toString());

        String id = api.postJson("/api/workflows", api.json(Map.of("template", "one-approval", "businessKey", "SSO-API"))).expect(201)
                .json().get("workflowId").asText();
        ApiFixture.await("the approval is in olivia's inbox", () -> as(token, "GET", "/api/tasks?mine=true", null).text().contains(id));
        as(token, "POST", "/api/workflows/" + id + "/activities/APPROVE/complete", "{\"outcome\": \"APPROVED\", \"completedBy\": \"someone\"}")
                .expect(202);
        ApiFixture.await("the completion is recorded", () -> !Sql.query(api.host.database().dataSource(), """
                SELECT 1 FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'APPROVE' AND a.completed_by = 'olivia'""", id).isEmpty());
        assertEquals(403, as(token, "POST", "/api/workflows", api.json(Map.of("template", "one-approval", "businessKey", "NO"))).status());
    }

    @Test
    void aPersonWhoseGroupsMapToNothingGetsNoAccess() {
        Reply refused = as(issuer.accessToken(NORA, TestIssuer.CLIENT_ID), "GET", "/api/me", null);
        assertEquals("forbidden", refused.error(403));
        assertTrue(refused.json().get("message").asText().contains("no Cadre role"), refused.text());
        assertEquals(403, as(issuer.accessToken(NORA, TestIssuer.CLIENT_ID), "GET", "/api/workflows", null).status());
        assertEquals(403, as(issuer.accessToken(NORA, TestIssuer.CLIENT_ID), "GET", "/metrics", null).status());
    }

    @Test
    void tokensThatDoNotCheckOutAreUnknownCallers() {
        Instant hour = Instant.now().plusSeconds(3600);
        Map<String, String> bad = Map.of(
                "another audience", issuer.accessToken(OLIVIA, issuer.issuer(), "someone-else", hour, false),
                "another issuer", issuer.accessToken(OLIVIA, "http://127.0.0.1:1", TestIssuer.CLIENT_ID, hour, false),
                "expired", issuer.accessToken(OLIVIA, issuer.issuer(), TestIssuer.CLIENT_ID, Instant.now().minusSeconds(600), false),
                "a key the provider does not publish", issuer.accessToken(OLIVIA, issuer.issuer(), TestIssuer.CLIENT_ID, hour, true),
                "not even a JWT", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        bad.forEach((why, token) -> assertEquals(401, as(token, "GET", "/api/me", null).status(), why));
        // a provider name that is a local user's is not theirs to take
        api.postJson("/api/users", api.json(Map.of("username", "rita", "roles", List.of("reviewer")))).expect(201);
        assertEquals(401, as(issuer.accessToken(MALLORY, TestIssuer.CLIENT_ID), "GET", "/api/me", null).status());
    }

    @Test
    void rolesMappingsAreAdminsToKeepAndEveryChangeIsAudited() {
        JsonNode mappings = api.get("/api/oidc/role-mappings").expect(200).json();
        assertEquals("groups", mappings.get("claim").asText());
        assertEquals(2, mappings.get("mappings").size());
        assertEquals(403, as(issuer.accessToken(OLIVIA, TestIssuer.CLIENT_ID), "GET", "/api/oidc/role-mappings", null).status());
        Reply bad = api.send(api.request("/api/oidc/role-mappings").header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers
                .ofString("{\"mappings\": [{\"claimValue\": \"x\", \"roles\": [\"Not A Role\"]}]}")).build());
        assertEquals("invalid_field", bad.error(400));
        assertTrue(bad.text().contains("mappings[0].roles[0]"), bad.text());
        assertEquals(2, api.get("/api/oidc/role-mappings").json().get("mappings").size(), "nothing half-written");

        JsonNode event = api.get("/api/audit?type=oidc.role-mappings.update").expect(200).json().get("events").get(0);
        assertEquals("admin", event.get("actor").asText());
        assertEquals("cadre-approvers", event.get("after").get("mappings").get(0).get("claimValue").asText());
    }

    @Test
    void localTokensAndPasswordsCanBeTurnedOff() {
        String local = api.postJson("/api/users", api.json(Map.of("username", "lou", "roles", List.of("reviewer")))).expect(201)
                .json().get("token").asText();
        as(local, "GET", "/api/me", null).expect(200);
        Map<String, String> off = new java.util.HashMap<>(sso());
        off.put("CADRE_LOCAL_LOGIN", "off");
        try (ApiFixture offHost = new ApiFixture(otherHome, off)) {
            String token = offHost.postJson("/api/users", offHost.json(Map.of("username", "lou", "roles", List.of("reviewer"), "password",
                    "correct horse battery"))).expect(201).json().get("token").asText();
            Reply refused = offHost.send(HttpRequest.newBuilder(offHost.uri("/api/me")).timeout(ApiFixture.PATIENCE)
                    .header("Authorization", "Bearer " + token).GET().build());
            assertEquals(401, refused.status(), "personal tokens are off");
            offHost.get("/api/me").expect(200); // the bootstrap admin token stays, the way back in
            offHost.send(HttpRequest.newBuilder(offHost.uri("/api/me")).timeout(ApiFixture.PATIENCE)
                    .header("Authorization", "Bearer " + issuer.accessToken(OLIVIA, TestIssuer.CLIENT_ID)).GET().build()).expect(403);
            Reply password = offHost.send(HttpRequest.newBuilder(offHost.uri("/login")).timeout(ApiFixture.PATIENCE)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=lou&password=correct+horse+battery")).build());
            assertEquals(403, password.status());
            assertTrue(password.text().contains("turned off"), password.text());
        }
    }
}
