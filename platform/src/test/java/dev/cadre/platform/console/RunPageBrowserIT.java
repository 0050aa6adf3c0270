package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadre.platform.api.ApiFixture;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import dev.cadre.platform.testing.Sql;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The run page in a real Chromium against one real host: an operator migrates, cancels, resumes a run and
 * retries a failed step, each through a confirmation page that wants a reason and a ticked box, with
 * feedback after and the operator named in the run's record and the audit log; an approver sees the
 * run's earlier comments, previews of the artifacts the task uses with their sizes, the failing samples
 * and the report being signed; the timeline shows people's time apart from machine time.
 */
class RunPageBrowserIT {

    static final String PASSWORD = ConsoleBrowserIT.PASSWORD;

    @TempDir
    static Path home;
    @TempDir
    static Path profile;

    static ApiFixture api;
    static Browser browser;
    static final Map<String, String> TOKENS = new HashMap<>();
    static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        api = new ApiFixture(home);
        TOKENS.putAll(api.createUsers(PASSWORD, List.of(List.of("rita", "Rita Reviewer", "reviewer"),
                List.of("otto", "Otto Operator", "operator"), List.of("alma", "Alma Approver", "approver"),
                List.of("dora", "Dora Owner", "data-owner"), List.of("ada", "Ada Admin", "admin"))));
        String review = Files.readString(Path.of("src/test/resources/console/console-review.json"));
        api.postJson("/api/templates?publish=true", review).expect(201);
        api.postJson("/api/templates", review.replace("\"version\": 1,", "\"version\": 2,")).expect(201);
        api.postBytes("/api/plugins", "application/java-archive", ApiTestPluginJars.usingArtifact("runpage-files", "RunpageUsesFile")).expect(201);
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/console/runpage-retry.json"))).expect(201);
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/console/runpage-response.json"))).expect(201);
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/console/runpage-review-form.json"))).expect(201);
        browser = new Browser(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        Browser.closeAll(browser, api);
    }

    @BeforeEach
    void signedOut() {
        browser.signOut(url("/login"));
    }

    @Test
    void anOperatorStartsMigratesCancelsAndResumesARunEachConfirmedWithAReasonAndRecordedWithTheirName() {
        browser.signIn(url("/login"), "otto", PASSWORD);
        browser.driver.get(url("/workflows"));
        new Select(browser.driver.findElement(By.id("start-template"))).selectByValue("console-review");
        browser.driver.findElement(By.id("start-key")).sendKeys("OPS-1");
        WebElement parameters = browser.driver.findElement(By.id("start-parameters"));
        parameters.clear();
        parameters.sendKeys("{}");
        click(By.cssSelector("#start + form button[type=submit]"));
        assertEquals("The run has started for OPS-1.", text(By.id("run-notice")), "Start says what it did");
        String main = text(By.tagName("main"));
        assertTrue(main.contains("OPS-1") && main.contains("Profiling") && main.contains("Sign-off"), "business key and phases at once: " + main);
        String workflowId = browser.driver.findElement(By.tagName("h1")).getText().replace("Run ", "");
        ApiFixture.await("the review task", () -> waiting(workflowId, "REVIEW_PROFILE"));

        // migrate: a missing reason and tick are refused on the page, nothing done
        browser.driver.get(url(Links.run(workflowId)));
        click(By.linkText("Migrate…"));
        browser.driver.findElement(By.id("reason")).sendKeys(" ");
        browser.driver.findElement(By.id("confirm")).click();
        removeRequired(); // a browser without the page's checks posts anyway: the host refuses it too
        new Select(browser.driver.findElement(By.id("version"))).selectByValue("2");
        click(By.cssSelector("#run-action button[type=submit]"));
        assertTrue(text(By.id("action-error")).contains("give a reason"), text(By.id("action-error")));
        assertEquals(1, api.get("/api/workflows/" + workflowId).json().get("version").asInt(), "nothing was done");
        act("Version 2 adds the second check", s -> new Select(browser.driver.findElement(By.id("version"))).selectByValue("2"));
        assertEquals("The run moved to the chosen version.", text(By.id("run-notice")));
        ApiFixture.await("the run on version 2", () -> api.get("/api/workflows/" + workflowId).json().get("version").asInt() == 2);
        assertAudited("run.migrate", workflowId, "Version 2 adds the second check");

        ApiFixture.await("the review task again", () -> waiting(workflowId, "REVIEW_PROFILE"));
        browser.driver.get(url(Links.run(workflowId)));
        click(By.linkText("Cancel run…"));
        act("Started on the wrong report", s -> { });
        assertTrue(text(By.id("run-notice")).startsWith("The run was asked to cancel"), text(By.id("run-notice")));
        ApiFixture.await("cancelled", () -> "CANCELLED".equals(api.get("/api/workflows/" + workflowId).json().get("status").asText()));
        assertAudited("run.cancel", workflowId, "Started on the wrong report");

        browser.driver.get(url(Links.run(workflowId)));
        click(By.linkText("Resume…"));
        act("The report was right after all", s -> { });
        assertEquals("The run was resumed.", text(By.id("run-notice")));
        ApiFixture.await("the review task after resuming", () -> waiting(workflowId, "REVIEW_PROFILE"));
        assertAudited("run.resume", workflowId, "The report was right after all");
        browser.driver.get(url(Links.run(workflowId)));
        String resumptions = text(By.tagName("main"));
        assertTrue(resumptions.contains("resumed by otto after it ended CANCELLED: The report was right after all"), resumptions);
        assertTrue(resumptions.contains("migrated from version 1 to 2 by otto: Version 2 adds the second check"), resumptions);
    }

    @Test
    void anOperatorRetriesTheFailedStepOnceTheMissingFileIsThere() {
        String workflowId = api.postJson("/api/workflows", api.json(Map.of("template", "runpage-retry", "businessKey", "RETRY-1",
                "parameters", Map.of()))).expect(201).json().get("workflowId").asText();
        ApiFixture.await("the run failed", () -> "FAILED".equals(api.get("/api/workflows/" + workflowId).json().get("status").asText()));
        api.put("/api/workflows/" + workflowId + "/artifacts/evidence/owner.csv", "text/csv",
                "sample,value\nS-1,10\n".getBytes(StandardCharsets.UTF_8)).expect(201);

        browser.signIn(url("/login"), "otto", PASSWORD);
        browser.driver.get(url(Links.run(workflowId)));
        assertEquals("FAILED", text(By.cssSelector("section.phase h2 .status")), "the failed run's phase is FAILED");
        click(By.linkText("Retry CHECK_FILE…"));
        assertEquals("CHECK_FILE", new Select(browser.driver.findElement(By.id("step"))).getFirstSelectedOption().getText());
        act("The owner uploaded the file", s -> { });
        assertEquals("The failed step runs again.", text(By.id("run-notice")));
        ApiFixture.await("the approval after the retried step", () -> waiting(workflowId, "APPROVE"));
        assertAudited("run.retry", workflowId, "The owner uploaded the file");
        browser.driver.get(url(Links.run(workflowId)));
        assertTrue(text(By.tagName("main")).contains("step CHECK_FILE retried by otto after the run ended FAILED: The owner uploaded the file"));
    }

    @Test
    void theApproverSeesEarlierCommentsArtifactPreviewsFailingSamplesAndTheReportAndTheTimelineSplitsPeopleFromMachines() throws Exception {
        String workflowId = api.postJson("/api/workflows", api.json(Map.of("template", "console-review", "businessKey", "CONTEXT-1",
                "parameters", Map.of()))).expect(201).json().get("workflowId").asText();
        ApiFixture.await("the review task", () -> waiting(workflowId, "REVIEW_PROFILE"));
        StringBuilder csv = new StringBuilder("sample,balance,evidence\n");
        for (int i = 1; i <= 60; i++) {
            csv.append("S-").append(i).append(",").append(1000 + i).append(",\"statement, page ").append(i).append("\"\n");
        }
        api.put("/api/workflows/" + workflowId + "/artifacts/profile/summary.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8))
                .expect(201);
        api.put("/api/workflows/" + workflowId + "/artifacts/profile/observations.json", "application/json",
                "{\"observations\":[{\"attribute\":\"balance\",\"failures\":[{\"sampleId\":\"S-7\",\"detail\":\"<b>balance differs</b>\"}]}]}"
                        .getBytes(StandardCharsets.UTF_8)).expect(201);
        HttpResponse<String> review = asUser("rita", "/api/workflows/" + workflowId + "/activities/REVIEW_PROFILE/complete",
                Map.of("outcome", "APPROVED", "comment", "Null rates look plausible; see S-7",
                        "data", Map.of("files", List.of("profile/summary.csv", "profile/observations.json"))));
        assertEquals(202, review.statusCode(), review.body());
        ApiFixture.await("the sign-off task", () -> waiting(workflowId, "SIGN_OFF"));
        api.put("/api/workflows/" + workflowId + "/artifacts/final-report.html", "text/html",
                "<h1>Final report CONTEXT-1</h1>".getBytes(StandardCharsets.UTF_8)).expect(201);

        browser.signIn(url("/login"), "alma", PASSWORD);
        browser.driver.get(url(Links.task(workflowId, "SIGN_OFF", "")));
        String notes = text(By.id("notes"));
        assertTrue(notes.contains("rita") && notes.contains("Null rates look plausible; see S-7") && notes.contains("APPROVED"), notes);
        String preview = text(By.id("preview-profile/summary.csv"));
        assertTrue(preview.contains("KB"), "the size in KB: " + preview);
        assertTrue(preview.contains("statement, page 3"), "CSV rows with quoted commas: " + preview);
        assertFalse(preview.contains("S-40"), "a preview, not the whole file: " + preview);
        assertTrue(text(By.id("preview-profile/observations.json")).contains("\"sampleId\" : \"S-7\""), "pretty JSON");
        String failures = text(By.id("failures"));
        assertTrue(failures.contains("S-7") && failures.contains("<b>balance differs</b>"), "failing samples, as text: " + failures);
        browser.driver.switchTo().frame(browser.driver.findElement(By.id("task-report")));
        assertEquals("Final report CONTEXT-1", browser.driver.findElement(By.tagName("h1")).getText());
        browser.driver.switchTo().defaultContent();

        browser.driver.get(url(Links.run(workflowId)));
        String timeline = text(By.id("run-timeline"));
        assertTrue(timeline.contains("People waited") && timeline.contains("machine time"), timeline);
        assertFalse(browser.driver.findElements(By.cssSelector("#run-timeline .t-people svg")).isEmpty(), "a bar of people's time");
        assertFalse(browser.driver.findElements(By.cssSelector("#run-timeline .t-machine svg")).isEmpty(), "a bar of machine time");
        click(By.cssSelector("a.done-link[href$='/steps/PROFILE_DATA']"));
        assertTrue(text(By.id("step-output")).contains("PROFILE_DATA"), "the step's output: what was done");
        browser.driver.navigate().back();
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 900));
        try {
            browser.driver.findElement(By.id("run-timeline")).getLocation();
            Number scroll = (Number) browser.driver.executeScript("document.getElementById('run-timeline').scrollIntoView();"
                    + " return document.getElementById('run-timeline').scrollWidth;");
            Number width = (Number) browser.driver.executeScript("return document.getElementById('run-timeline').clientWidth;");
            assertTrue(scroll.intValue() <= width.intValue(), "the timeline fits 390 px: " + scroll + " > " + width);
            browser.screenshot(ConsoleBrowserIT.SCREENSHOTS.resolve("timeline.png"));
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
        }
    }

    @Test
    void aDataOwnerAnsweringSeesTheFailingSamplesOfTheirInstance() {
        String workflowId = api.postJson("/api/workflows", api.json(Map.of("template", "runpage-response", "businessKey", "RESPONSE-1",
                "parameters", Map.of("owners", List.of("finance", "credit"))))).expect(201).json().get("workflowId").asText();
        ApiFixture.await("the response tasks", () -> api.get("/api/tasks?workflowId=" + workflowId).json().size() == 2);
        api.put("/api/workflows/" + workflowId + "/artifacts/observations/finance.json", "application/json",
                "{\"observations\":[{\"failures\":[{\"sampleId\":\"F-12\",\"reportValue\":\"100\",\"evidenceValue\":\"90\"}]}]}"
                        .getBytes(StandardCharsets.UTF_8)).expect(201);
        api.put("/api/workflows/" + workflowId + "/artifacts/observations/credit.json", "application/json",
                "{\"observations\":[{\"failures\":[{\"sampleId\":\"C-3\"}]}]}".getBytes(StandardCharsets.UTF_8)).expect(201);

        browser.signIn(url("/login"), "dora", PASSWORD);
        browser.driver.get(url(Links.task(workflowId, "DATA_OWNER_RESPONSE", "finance")));
        String failures = text(By.id("failures"));
        assertTrue(failures.contains("sampleId: F-12") && failures.contains("evidenceValue: 90"), failures);
        assertFalse(failures.contains("C-3"), "another owner's samples are not shown: " + failures);
        assertTrue(text(By.id("preview-observations/finance.json")).contains("bytes"), "the artifact with its size");
    }

    @Test
    void everyConsolePageFitsAPhoneWithoutScrollingSideways() throws Exception {
        String workflowId = api.postJson("/api/workflows", api.json(Map.of("template", "runpage-review-form", "businessKey", "PHONE-1",
                "parameters", Map.of()))).expect(201).json().get("workflowId").asText();
        ApiFixture.await("the preparation", () -> waiting(workflowId, "PREPARE"));
        api.put("/api/workflows/" + workflowId + "/artifacts/evidence/a-rather-long-artifact-name-without-any-break-in-it-2026-12-03.csv",
                "text/csv", "sample,value\nS-1,10\n".getBytes(StandardCharsets.UTF_8)).expect(201);
        HttpResponse<String> prepared = asUser("rita", "/api/workflows/" + workflowId + "/activities/PREPARE/complete",
                Map.of("outcome", "DONE", "comment", "Findings are in evidence/a-rather-long-artifact-name-without-any-break-in-it-2026-12-03.csv"));
        assertEquals(202, prepared.statusCode(), prepared.body());
        ApiFixture.await("the review", () -> waiting(workflowId, "REVIEW_FINDINGS"));
        HttpResponse<String> claimed = asUser("rita", "/api/workflows/" + workflowId + "/activities/REVIEW_FINDINGS/claim", Map.of());
        assertEquals(200, claimed.statusCode(), claimed.body());

        browser.signIn(url("/login"), "ada", PASSWORD);
        List<String> pages = List.of("/", "/workflows", Links.run(workflowId), Links.run(workflowId) + "/steps/PREPARE",
                Links.task(workflowId, "REVIEW_FINDINGS", ""), Links.run(workflowId) + "/actions/cancel", Links.run(workflowId) + "/actions/migrate",
                Links.run(workflowId) + "/actions/resume", Links.run(workflowId) + "/actions/retry",
                "/templates", "/plugins", "/cluster", "/audit", "/stats");
        browser.driver.get(url(Links.task(workflowId, "REVIEW_FINDINGS", "")));
        String task = text(By.tagName("main"));
        assertTrue(task.contains("rita") && task.contains("Send back") && task.contains("Finding"), "claims, rework and the form: " + task);
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 900));
        try {
            List<String> wide = new java.util.ArrayList<>();
            for (String page : pages) {
                browser.driver.get(url(page));
                Number scroll = (Number) browser.driver.executeScript("return document.scrollingElement.scrollWidth;");
                Number width = (Number) browser.driver.executeScript("return window.innerWidth;");
                if (scroll.intValue() > width.intValue()) {
                    wide.add(page + " is " + scroll + " px wide");
                }
            }
            assertTrue(wide.isEmpty(), "every page fits 390 px: " + wide);
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
        }
    }

    /** Fills the confirmation page: the reason, anything else the action needs, the tick; then sends it. */
    private static void act(String reason, java.util.function.Consumer<Void> more) {
        WebElement field = browser.driver.findElement(By.id("reason"));
        field.clear();
        field.sendKeys(reason);
        more.accept(null);
        WebElement confirm = browser.driver.findElement(By.id("confirm"));
        if (!confirm.isSelected()) {
            confirm.click();
        }
        click(By.cssSelector("#run-action button[type=submit]"));
    }

    private static void removeRequired() {
        browser.driver.executeScript("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'));");
    }

    private static void click(By by) {
        WebElement element = browser.driver.findElement(by);
        element.click();
        browser.awaitReplaced(element);
    }

    private static String text(By by) {
        return browser.driver.findElement(by).getText();
    }

    private static boolean waiting(String workflowId, String code) {
        for (JsonNode phase : api.get("/api/workflows/" + workflowId).json().path("phases")) {
            for (JsonNode activity : phase.path("activities")) {
                if (code.equals(activity.path("code").asText())) {
                    return "WAITING".equals(activity.path("status").asText());
                }
            }
        }
        return false;
    }

    private static void assertAudited(String action, String workflowId, String reason) {
        List<Map<String, Object>> events = Sql.query(api.host.database().dataSource(),
                "SELECT actor, after::text AS after FROM audit_events WHERE action = ? AND target = ? ORDER BY id", action, "workflow:" + workflowId);
        assertFalse(events.isEmpty(), "an audit event " + action);
        Map<String, Object> last = events.get(events.size() - 1);
        assertEquals("otto", last.get("actor"));
        assertTrue(String.valueOf(last.get("after")).contains(reason), String.valueOf(last.get("after")));
    }

    private static HttpResponse<String> asUser(String user, String path, Object body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri(path)).timeout(ApiFixture.PATIENCE)
                .header("Authorization", "Bearer " + TOKENS.get(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String url(String path) {
        return api.uri(path).toString();
    }
}
