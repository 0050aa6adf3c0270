package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.api.ApiFixture;
import dev.cadre.platform.testing.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work queue over real HTTP, one host for all: a claim keeps a task to one reviewer (another's claim
 * or completion answers 409 naming the holder, the inbox shows who has it, a completion ends the claim);
 * instance tasks are claimed as they are completed (by {@code instanceId}); signing in returns to the page
 * asked for, never to another site; and the console's defects: trailing slashes, unknown paths, notices
 * from the URL.
 */
class WorkQueueIT {

    static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path home;

    static ApiFixture api;
    static final Map<String, String> tokens = new LinkedHashMap<>();
    static final HttpClient http = HttpClient.newHttpClient(); // follows no redirects: the tests read them
    static final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(home);
        for (List<String> user : List.of(List.of("rita", "reviewer"), List.of("rob", "reviewer"), List.of("ada", "admin"),
                List.of("finance.owner", "data-owner"), List.of("hr.owner", "data-owner"))) {
            tokens.put(user.get(0), api.postJson("/api/users", api.json(Map.of("username", user.get(0), "password", PASSWORD,
                    "roles", List.of(user.get(1))))).expect(201).json().get("token").asText());
        }
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/console/console-review.json"))).expect(201);
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/api/people-flow.json"))).expect(201);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aClaimKeepsTheTaskToOneReviewerUntilItIsCompletedOrUnclaimed() throws Exception {
        String id = review("CLAIM-1");
        String claim = "/api/workflows/" + id + "/activities/REVIEW_PROFILE/claim";
        JsonNode rita = call("rita", "POST", claim, null).expect(200).json();
        assertEquals("rita", rita.get("claimedBy").asText());
        assertEquals("REVIEW_PROFILE", rita.get("step").asText());
        call("rita", "POST", claim, null).expect(200); // claiming one's own claim again changes nothing

        ApiFixture.Reply taken = call("rob", "POST", claim, null);
        assertEquals("task_claimed", taken.error(409));
        assertEquals("rita", taken.json().get("details").get("claimedBy").asText());
        ApiFixture.Reply completion = call("rob", "POST", "/api/workflows/" + id + "/activities/REVIEW_PROFILE/complete", "{\"outcome\": \"APPROVED\"}");
        assertEquals("task_claimed", completion.error(409));
        assertTrue(completion.text().contains("'rita'"), completion.text());
        assertEquals("task_claimed", call("rob", "DELETE", claim, null).error(409), "only the holder or an admin ends a claim");

        // the console's Claim from a page that was drawn before rita claimed it: a 409 page naming her
        String rob = cookie("rob");
        String taskPage = page("/tasks/" + id + "/REVIEW_PROFILE", rob).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(taskPage);
        assertTrue(csrf.find(), taskPage);
        HttpResponse<String> late = http.send(HttpRequest.newBuilder(api.uri("/tasks/" + id + "/REVIEW_PROFILE/claim")).header("Cookie", rob)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, late.statusCode(), late.body());
        assertTrue(late.body().contains("claimed by &#39;rita&#39;"), late.body());

        JsonNode inbox = call("rob", "GET", "/api/tasks?mine=true&workflowId=" + id, null).expect(200).json();
        assertEquals("rita", inbox.get(0).get("claimedBy").asText(), "the inbox shows who has it");
        assertFalse(inbox.get(0).get("claimedAt").isNull());

        call("rita", "DELETE", claim, null).expect(200);
        call("rob", "POST", claim, null).expect(200);
        assertEquals(202, call("rob", "POST", "/api/workflows/" + id + "/activities/REVIEW_PROFILE/complete", "{\"outcome\": \"APPROVED\"}")
                .status());
        assertTrue(Sql.query(api.host.database().dataSource(), "SELECT 1 FROM workflow_task_claims WHERE workflow_id = ?", id).isEmpty(),
                "the completion ended the claim");
    }

    @Test
    void anInstanceTaskIsClaimedByItsInstanceIdAndOnlyByItsPerson() {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", "people-flow", "businessKey", "CLAIM-OWNERS",
                "parameters", Map.of("owners", List.of("finance", "hr"))))).expect(201).json().get("workflowId").asText();
        ApiFixture.await("both evidence tasks", () -> api.get("/api/tasks?workflowId=" + id).json().size() == 2);
        String claim = "/api/workflows/" + id + "/activities/UPLOAD_EVIDENCE/claim";
        assertEquals(403, call("hr.owner", "POST", claim + "?instanceId=finance", null).status(), "another owner's instance");
        assertEquals(403, call("rita", "POST", claim, "{not json").status(), "who may claim is checked before the body is read");
        assertEquals("UPLOAD_EVIDENCE[finance]", call("finance.owner", "POST", claim + "?instanceId=finance", null).expect(200).json()
                .get("step").asText());
        assertEquals("hr.owner", call("hr.owner", "POST", claim, "{\"instanceId\": \"hr\"}").expect(200).json().get("claimedBy").asText(),
                "the instance in the body, as a completion names it");
        JsonNode mine = call("finance.owner", "GET", "/api/tasks?mine=true&workflowId=" + id, null).json();
        assertEquals(1, mine.size(), "a person's instance task is in their inbox only: " + mine);
        assertEquals("finance.owner", mine.get(0).get("assignedTo").asText());
        assertEquals("finance.owner", mine.get(0).get("claimedBy").asText());

        String evidence = "/api/workflows/" + id + "/artifacts/evidence/finance.csv";
        byte[] csv = "account,amount\n1,2\n".getBytes(StandardCharsets.UTF_8);
        ApiFixture.Reply taken = api.put(evidence, "text/csv", csv);
        assertEquals("task_claimed", taken.error(409), "a claimed task's file is its holder's to upload");
        assertTrue(taken.text().contains("finance.owner"), taken.text());
        assertEquals(201, upload("finance.owner", evidence, csv).status());
    }

    private static ApiFixture.Reply upload(String user, String path, byte[] body) {
        try {
            return new ApiFixture.Reply(http.send(HttpRequest.newBuilder(api.uri(path)).timeout(ApiFixture.PATIENCE)
                    .header("Authorization", "Bearer " + tokens.get(user)).header("Content-Type", "text/csv")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray()), mapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signingInReturnsToThePageAskedForAndNeverLeavesTheConsole() throws Exception {
        HttpResponse<String> asked = http.send(HttpRequest.newBuilder(api.uri("/tasks/WF-1/REVIEW?instance=a%20b")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, asked.statusCode());
        String login = asked.headers().firstValue("Location").orElseThrow();
        assertEquals("/login?next=" + URLEncoder.encode("/tasks/WF-1/REVIEW?instance=a%20b", StandardCharsets.UTF_8).replace("+", "%20"), login);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(api.uri(login)).build(), HttpResponse.BodyHandlers.ofString());
        // the page escapes "=" for HTML: the browser sends it back as typed
        assertTrue(form.body().contains("name=\"next\" value=\"/tasks/WF-1/REVIEW?instance&#61;a%20b\""), form.body());

        assertEquals("/tasks/WF-1/REVIEW?instance=a%20b", signIn("rita", "/tasks/WF-1/REVIEW?instance=a%20b").headers().firstValue("Location").orElseThrow());
        assertEquals("/workflows", signIn("rita", "/workflows").headers().firstValue("Location").orElseThrow());
        for (String away : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
                "evil.example", "/login", "")) {
            assertEquals("/", signIn("rita", away).headers().firstValue("Location").orElseThrow(), "next=" + away);
        }
        // a tab ("/\t/evil" reads as "//evil" in a browser) is refused with the form, as every control character is
        HttpResponse<String> tab = http.send(HttpRequest.newBuilder(api.uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=rita&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                        + "&next=%2F%09%2Fevil.example")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, tab.statusCode(), tab.body());
        assertTrue(tab.headers().firstValue("Location").isEmpty());
    }

    @Test
    void trailingSlashesAnswerThePageOrA404NeverA500() throws Exception {
        assertEquals("route_not_found", api.get("/api/workflows/").error(404));
        assertEquals("route_not_found", api.get("/api/templates/").error(404));
        String cookie = cookie("rita");
        HttpResponse<String> page = page("/workflows/", cookie);
        assertEquals(308, page.statusCode());
        assertEquals("/workflows", page.headers().firstValue("Location").orElseThrow());
        assertEquals(200, page("/workflows", cookie).statusCode());
        assertEquals(308, page("/tasks/", cookie).statusCode());
        assertEquals(404, page("//evil.example/", cookie).statusCode(), "a slash-only path is never a redirect to another host");
    }

    @Test
    void unknownConsolePathsAnswerAPageNotTheApisJson() throws Exception {
        for (String cookie : new String[] {cookie("rita"), null}) {
            HttpResponse<String> missing = page("/no/such/page", cookie);
            assertEquals(404, missing.statusCode());
            assertTrue(missing.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), missing.headers().toString());
            assertFalse(missing.body().toLowerCase().contains("bearer"), missing.body());
            assertTrue(missing.body().contains("There is no page /no/such/page here."), missing.body());
        }
        assertEquals("unauthorized", new ApiFixture.Reply(http.send(HttpRequest.newBuilder(api.uri("/api/no-such")).build(),
                HttpResponse.BodyHandlers.ofByteArray()), mapper).error(401), "the API's paths still answer as the API");
    }

    @Test
    void noticesComeOnlyFromTheConsoleNotFromTheUrl() throws Exception {
        String rita = cookie("rita");
        String inbox = page("/?completed=" + URLEncoder.encode("Your account is locked, call +1 555 0100", StandardCharsets.UTF_8), rita).body();
        assertFalse(inbox.contains("call +1 555 0100"), inbox);
        assertFalse(inbox.contains("class=\"notice\""), inbox);
        String ada = cookie("ada");
        String plugins = page("/plugins?done=" + URLEncoder.encode("Security update: upload patch.jar", StandardCharsets.UTF_8)
                + "&sig=00", ada).body();
        assertFalse(plugins.contains("upload patch.jar"), plugins);
        String templates = page("/templates?done=" + URLEncoder.encode("Published evil", StandardCharsets.UTF_8), ada).body();
        assertFalse(templates.contains("Published evil"), templates);
    }

    // --- helpers

    private static String review(String businessKey) {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", "console-review", "businessKey", businessKey,
                "parameters", Map.of("report", "loans")))).expect(201).json().get("workflowId").asText();
        ApiFixture.await("the review task", () -> api.get("/api/tasks?workflowId=" + id).json().size() == 1);
        return id;
    }

    private static ApiFixture.Reply call(String user, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).timeout(ApiFixture.PATIENCE)
                .header("Authorization", "Bearer " + tokens.get(user));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return new ApiFixture.Reply(http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray()), mapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> signIn(String user, String next) throws Exception {
        String form = "username=" + user + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api.uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, answer.statusCode(), answer.body());
        return answer;
    }

    private static String cookie(String user) throws Exception {
        String set = signIn(user, "/").headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    private static HttpResponse<String> page(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
