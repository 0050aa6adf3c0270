package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadre.platform.api.ApiFixture;
import dev.cadre.platform.plugins.ApiTestPluginJars;
import dev.cadre.platform.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Rework in a real Chromium, over one host: a wrong evidence file comes back to its data owner with the
 * check's problem and is fixed by a second upload; a reviewer sends the work back and approves round 2,
 * both rounds on the run page and in the records the sign-off trail is made of; rejecting asks for a
 * reason and a confirmation. And the REST rules of REWORK: a comment, a step that allows it, the cap.
 */
class ReworkBrowserIT {

    static final String PASSWORD = "correct horse battery";
    static final String BAD_CSV = "document,amount\nledger,10\n";
    static final String GOOD_CSV = "document,sample_id,amount\nledger,S1,10\n";
    static final String UPLOAD_CHECK_FLOW = "upload-check-flow";

    @TempDir
    static Path home;
    @TempDir
    static Path profile;
    @TempDir
    static Path files;

    static ApiFixture api;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        api = new ApiFixture(home);
        api.postJson("/api/users", api.json(Map.of("username", "dora", "password", PASSWORD, "roles", List.of("data-owner")))).expect(201);
        api.postJson("/api/users", api.json(Map.of("username", "rita", "password", PASSWORD, "roles", List.of("reviewer")))).expect(201);
        api.postBytes("/api/plugins", "application/java-archive", ApiTestPluginJars.checkingCsv("csv-check", "CheckCsv")).expect(201);
        String reworkFlow = Files.readString(Path.of("src/test/resources/api/rework-flow.json"));
        api.postJson("/api/templates?publish=true", reworkFlow).expect(201);
        // the same flow, its check offered on upload too: a wrong file is refused when submitted
        api.postBytes("/api/plugins", "application/java-archive", ApiTestPluginJars.checkingCsvOnUpload("csv-upload-check", "CheckCsvOnUpload"))
                .expect(201);
        api.postJson("/api/templates?publish=true", reworkFlow.replace("\"rework-flow\"", "\"" + UPLOAD_CHECK_FLOW + "\"")
                .replace("\"handler\": \"CheckCsv\"", "\"handler\": \"CheckCsvOnUpload\"")).expect(201);
        browser = new Browser(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        Browser.closeAll(browser, api);
    }

    @Test
    void aWrongEvidenceFileComesBackWithItsProblemAndASecondUploadFixesIt() throws Exception {
        String id = start("REWORK-FILE");
        signIn("dora");
        upload(id, BAD_CSV);
        awaitStep(id, "UPLOAD_EVIDENCE", 2, "WAITING");

        openTask(id, "UPLOAD_EVIDENCE");
        String note = browser.driver.findElement(By.id("rework-note")).getText();
        assertTrue(note.contains("evidence.csv has no sample_id column (columns: document,amount)"), note);
        assertTrue(browser.driver.findElement(By.id("earlier-rounds")).getText().contains("DONE"), "round 1 is listed");
        assertEquals("2", browser.driver.findElement(By.id("task-round")).getText());
        assertEquals("RUNNING", detail(id).get("status").asText());

        upload(id, GOOD_CSV);
        awaitStep(id, "REVIEW_EVIDENCE", 1, "WAITING");
        JsonNode validate = activity(detail(id), "VALIDATE_EVIDENCE");
        assertEquals("COMPLETED", validate.get("status").asText());
        assertEquals(2, validate.get("round").asInt());
        assertTrue(validate.get("earlierRounds").get(0).get("lastError").asText().contains("has no sample_id column"), validate.toString());
        assertEquals("RUNNING", detail(id).get("status").asText(), "the run goes on");
    }

    @Test
    void aWrongEvidenceFileIsRefusedOnSubmitWithItsProblemsAndASecondUploadCompletesTheTask() throws Exception {
        String id = start(UPLOAD_CHECK_FLOW, "CHECK-ON-SUBMIT");
        signIn("dora");
        awaitStepStatus(id, "UPLOAD_EVIDENCE", "WAITING");
        openTask(id, "UPLOAD_EVIDENCE");
        browser.driver.findElement(By.id("comment")).sendKeys("Q3 ledger");
        Path bad = Files.writeString(files.resolve("bad-" + System.nanoTime() + ".csv"), BAD_CSV);
        browser.driver.findElement(By.id("field-evidence")).sendKeys(bad.toString());
        browser.driver.findElement(By.cssSelector("button[value=DONE]")).click();

        String error = new WebDriverWait(browser.driver, ApiFixture.PATIENCE)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("task-error"))).getText();
        assertTrue(error.contains("evidence.csv has no sample_id column (columns: document,amount)"), error);
        assertEquals("Q3 ledger", browser.driver.findElement(By.id("comment")).getAttribute("value"), "what was typed is kept");
        JsonNode upload = activity(detail(id), "UPLOAD_EVIDENCE");
        assertEquals("WAITING", upload.get("status").asText(), "the task stays open");
        assertEquals(1, upload.path("round").asInt(1), "in the same round");
        assertTrue(api.get("/api/workflows/" + id + "/artifacts").expect(200).text().indexOf("evidence.csv") < 0, "nothing was stored");
        String validating = activity(detail(id), "VALIDATE_EVIDENCE").path("status").asText();
        assertFalse(List.of("RUNNING", "COMPLETED", "FAILED").contains(validating), "no later step ran: " + validating);

        upload(id, GOOD_CSV);
        awaitStep(id, "REVIEW_EVIDENCE", 1, "WAITING");
        JsonNode validate = activity(detail(id), "VALIDATE_EVIDENCE");
        assertEquals("COMPLETED", validate.get("status").asText());
        assertEquals(1, validate.path("round").asInt(1), "the check downstream passed at once");
        assertEquals("RUNNING", detail(id).get("status").asText(), "the run goes on");
    }

    @Test
    void restRefusesAWrongFileWith422ListingItsProblemsAndABrokenCheckLetsTheFileThrough() throws Exception {
        String id = start(UPLOAD_CHECK_FLOW, "CHECK-ON-PUT");
        awaitStepStatus(id, "UPLOAD_EVIDENCE", "WAITING");
        JsonNode refused = api.put("/api/workflows/" + id + "/artifacts/evidence.csv", "text/csv", BAD_CSV.getBytes()).expect(422).json();
        assertEquals("invalid_upload", refused.get("error").asText(), refused.toString());
        assertEquals("evidence.csv has no sample_id column (columns: document,amount)",
                refused.get("details").get("problems").get(0).asText(), refused.toString());
        api.get("/api/workflows/" + id + "/artifacts/evidence.csv").expect(404);
        assertEquals("WAITING", activity(detail(id), "UPLOAD_EVIDENCE").get("status").asText());

        // a check that throws does not block the upload: the file is stored and the step validates it
        api.put("/api/workflows/" + id + "/artifacts/evidence.csv", "text/csv", "document,sample_id,broken_check\nledger,S1,x\n".getBytes())
                .expect(201);
        complete(id, "UPLOAD_EVIDENCE", "DONE", null).expect(202);
        awaitStep(id, "REVIEW_EVIDENCE", 1, "WAITING");
        assertEquals("COMPLETED", activity(detail(id), "VALIDATE_EVIDENCE").get("status").asText());
    }

    @Test
    void aReviewerSendsTheWorkBackAndApprovesTheSecondRound() throws Exception {
        String id = evidenceUnderReview("REWORK-REVIEW");

        signIn("rita");
        openTask(id, "REVIEW_EVIDENCE");
        WebElement sendBack = browser.driver.findElement(By.cssSelector("button[value=REWORK]"));
        sendBack.click(); // without a comment: refused, nothing sent
        browser.awaitReplaced(sendBack);
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("a comment is required to send the work back"));
        assertEquals("WAITING", activity(detail(id), "REVIEW_EVIDENCE").get("status").asText());
        openTask(id, "REVIEW_EVIDENCE");
        browser.driver.findElement(By.id("comment")).sendKeys("Use the Q3 extract, not Q2");
        browser.driver.findElement(By.cssSelector("button[value=REWORK]")).click();
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.urlContains("completed=REVIEW_EVIDENCE"));
        awaitStep(id, "UPLOAD_EVIDENCE", 2, "WAITING");

        signIn("dora");
        openTask(id, "UPLOAD_EVIDENCE");
        assertTrue(browser.driver.findElement(By.id("rework-note")).getText().contains("Sent back by rita at REVIEW_EVIDENCE (round 1): "
                + "Use the Q3 extract, not Q2"));
        upload(id, GOOD_CSV.replace("10", "12")); // the later round's person replaces their file
        awaitStep(id, "REVIEW_EVIDENCE", 2, "WAITING");

        signIn("rita");
        openTask(id, "REVIEW_EVIDENCE");
        browser.driver.findElement(By.id("comment")).sendKeys("Q3 it is");
        browser.driver.findElement(By.cssSelector("button[value=APPROVED]")).click();
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.urlContains("completed=REVIEW_EVIDENCE"));
        awaitStep(id, "APPROVE_EVIDENCE", 1, "WAITING");

        browser.driver.get(api.uri("/workflows/" + id).toString());
        String rounds = browser.driver.findElement(By.id("rework-table")).getText();
        assertTrue(rounds.contains("REVIEW_EVIDENCE 1 COMPLETED REWORK rita"), rounds);
        assertTrue(rounds.contains("REVIEW_EVIDENCE 2 COMPLETED APPROVED rita"), rounds);
        browser.screenshot(ConsoleBrowserIT.SCREENSHOTS.resolve("rework-round.png"));
        // the records the final report's sign-off trail is made of: every round's decision, with its round
        List<Map<String, Object>> reviews = Sql.query(api.host.database().dataSource(), """
                SELECT k.round, k.outcome, k.comment FROM workflow_activity_rounds k JOIN workflow_activities a ON a.id = k.activity_id
                JOIN workflow_instances w ON w.id = a.workflow_instance_id WHERE w.workflow_id = ? AND a.activity_code = 'REVIEW_EVIDENCE'
                UNION ALL
                SELECT a.round, a.outcome, a.comment FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'REVIEW_EVIDENCE' ORDER BY 1""", id, id);
        assertEquals(List.of(Map.of("round", 1, "outcome", "REWORK", "comment", "Use the Q3 extract, not Q2"),
                Map.of("round", 2, "outcome", "APPROVED", "comment", "Q3 it is")), reviews);
    }

    @Test
    void rejectingAsksForAReasonAndAConfirmation() throws Exception {
        String id = evidenceUnderReview("REWORK-REJECT");

        signIn("rita");
        openTask(id, "REVIEW_EVIDENCE");
        browser.driver.findElement(By.cssSelector("button[value=REJECTED]")).click();
        WebElement confirm = new WebDriverWait(browser.driver, ApiFixture.PATIENCE)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-reject"))); // the click loads the confirmation page
        assertTrue(confirm.getText().contains("Reject Review evidence"), confirm.getText());
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("the run fails and its completed steps are rolled back"));
        assertEquals("WAITING", activity(detail(id), "REVIEW_EVIDENCE").get("status").asText(), "nothing is decided yet");
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        WebElement form = browser.driver.findElement(By.id("reject-form"));
        browser.driver.findElement(By.id("comment")).sendKeys("The evidence is from another report");
        assertFalse((Boolean) js.executeScript("return arguments[0].checkValidity()", form), "the confirmation is required");
        browser.driver.findElement(By.id("confirm")).click();
        browser.driver.findElement(By.id("confirm-reject-button")).click();
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.urlContains("completed=REVIEW_EVIDENCE"));

        ApiFixture.await("the run fails", () -> "FAILED".equals(detail(id).get("status").asText()));
        JsonNode review = activity(detail(id), "REVIEW_EVIDENCE");
        assertEquals("REJECTED", review.get("outcome").asText());
        assertEquals("The evidence is from another report", review.get("comment").asText());
    }

    @Test
    void restSendsBackOnlyWithACommentOnAStepThatAllowsItAndUnderItsCap() throws Exception {
        String id = start("REWORK-REST");
        awaitStepStatus(id, "UPLOAD_EVIDENCE", "WAITING");
        api.put("/api/workflows/" + id + "/artifacts/evidence.csv", "text/csv", GOOD_CSV.getBytes()).expect(201);
        complete(id, "UPLOAD_EVIDENCE", "DONE", null).expect(202);
        awaitStep(id, "REVIEW_EVIDENCE", 1, "WAITING");

        JsonNode noComment = complete(id, "REVIEW_EVIDENCE", "REWORK", " ").expect(400).json();
        assertTrue(noComment.get("message").asText().contains("a comment is required to send REVIEW_EVIDENCE back"), noComment.toString());
        JsonNode rejectNoReason = complete(id, "REVIEW_EVIDENCE", "REJECTED", null).expect(400).json();
        assertTrue(rejectNoReason.get("message").asText().contains("a comment is required to reject REVIEW_EVIDENCE"), rejectNoReason.toString());

        complete(id, "REVIEW_EVIDENCE", "REWORK", "wrong quarter").expect(202);
        awaitStep(id, "UPLOAD_EVIDENCE", 2, "WAITING");
        complete(id, "UPLOAD_EVIDENCE", "DONE", "Q3 now").expect(202);
        awaitStep(id, "REVIEW_EVIDENCE", 2, "WAITING");
        JsonNode capped = complete(id, "REVIEW_EVIDENCE", "REWORK", "again").expect(409).json();
        assertTrue(capped.get("message").asText().contains("round 2 of at most 2: it cannot be sent back again"), capped.toString());
        complete(id, "REVIEW_EVIDENCE", "APPROVED", "fine").expect(202);
        awaitStep(id, "APPROVE_EVIDENCE", 1, "WAITING");
        JsonNode notAllowed = complete(id, "APPROVE_EVIDENCE", "REWORK", "please redo").expect(400).json();
        assertTrue(notAllowed.get("message").asText().contains("declares no config.onReject"), notAllowed.toString());

        JsonNode review = activity(detail(id), "REVIEW_EVIDENCE");
        assertEquals(2, review.get("round").asInt());
        assertEquals("REWORK", review.get("earlierRounds").get(0).get("outcome").asText());
        assertEquals("wrong quarter", review.get("earlierRounds").get(0).get("comment").asText());
        JsonNode upload = activity(detail(id), "UPLOAD_EVIDENCE");
        assertTrue(upload.get("reworkNote").asText().contains("wrong quarter"), upload.toString());
        String metrics = api.get("/metrics").text();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("cadre_rework_rounds_total{") && line.contains("activity=\"REVIEW_EVIDENCE\"")
                && line.contains("template=\"rework-flow\"") && !line.endsWith(" 0.0")), metrics);
    }

    private static String start(String businessKey) throws Exception {
        return start("rework-flow", businessKey);
    }

    private static String start(String template, String businessKey) throws Exception {
        return api.postJson("/api/workflows", api.json(Map.of("template", template, "businessKey", businessKey))).expect(201)
                .json().get("workflowId").asText();
    }

    private static ApiFixture.Reply complete(String id, String code, String outcome, String comment) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("outcome", outcome));
        if (comment != null) {
            body.put("comment", comment);
        }
        return api.postJson("/api/workflows/" + id + "/activities/" + code + "/complete", api.json(body));
    }

    /** Opens the upload task as its data owner, uploads the CSV and completes it. */
    private static void upload(String id, String csv) throws Exception {
        awaitStepStatus(id, "UPLOAD_EVIDENCE", "WAITING");
        openTask(id, "UPLOAD_EVIDENCE");
        Path file = Files.writeString(files.resolve(id.replaceAll("[^A-Za-z0-9-]", "_") + System.nanoTime() + ".csv"), csv);
        browser.driver.findElement(By.id("field-evidence")).sendKeys(file.toString());
        browser.driver.findElement(By.cssSelector("button[value=DONE]")).click();
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.urlContains("completed=UPLOAD_EVIDENCE"));
    }

    private static JsonNode detail(String id) {
        try {
            return api.get("/api/workflows/" + id).expect(200).json();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode activity(JsonNode detail, String code) {
        for (JsonNode phase : detail.get("phases")) {
            for (JsonNode activity : phase.get("activities")) {
                if (activity.get("code").asText().equals(code)) {
                    return activity;
                }
            }
        }
        // the run's first moments: its detail has no phases yet
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static void awaitStep(String id, String code, int round, String status) {
        ApiFixture.await(code + " round " + round + " " + status, () -> {
            JsonNode activity = activity(detail(id), code);
            return status.equals(activity.path("status").asText()) && activity.path("round").asInt(1) == round;
        });
    }

    private static void awaitStepStatus(String id, String code, String status) {
        ApiFixture.await(code + " " + status, () -> status.equals(activity(detail(id), code).path("status").asText()));
    }

    private static void signIn(String username) {
        browser.driver.get(api.uri("/login").toString());
        browser.driver.manage().deleteAllCookies(); // the people take turns in one browser
        browser.signIn(api.uri("/login").toString(), username, PASSWORD);
    }

    /** Starts a run whose data owner has uploaded good evidence, and waits for its review. */
    private static String evidenceUnderReview(String businessKey) throws Exception {
        String id = start(businessKey);
        signIn("dora");
        upload(id, GOOD_CSV);
        awaitStep(id, "REVIEW_EVIDENCE", 1, "WAITING");
        return id;
    }

    private static void openTask(String id, String code) {
        browser.driver.get(api.uri("/tasks/" + id + "/" + code).toString());
    }
}
