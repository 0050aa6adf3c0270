package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.api.ApiFixture;
import dev.cadre.platform.testing.Sql;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real Chromium against a real host over real HTTP: a reviewer finds a task in the
 * inbox, reviews the upstream output and approves it (and the run record names the reviewer); an
 * operator never sees the plugin upload; a wrong password says nothing about which part was wrong,
 * and repeated ones lock the name for a while. Takes the README's screenshots.
 */
class ConsoleBrowserIT {

    static final String PASSWORD = "correct horse battery";
    /**
     * Where the screenshots go: the README's, at the repository root, when run with
     * {@code -Dcadre.screenshots=docs} (to refresh them); else under {@code target/} so a test run leaves the tree as it was.
     */
    static final Path SCREENSHOTS = "docs".equals(System.getProperty("cadre.screenshots"))
            ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots");

    @TempDir
    static Path home;
    @TempDir
    static Path profile;

    static ApiFixture api;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        api = new ApiFixture(home);
        api.createUsers(PASSWORD, List.of(List.of("rita", "Rita Reviewer", "reviewer"), List.of("otto", "Otto Operator", "operator"),
                List.of("lena", "Lena Locked", "reviewer"), List.of("ada", "Ada Admin", "admin")));
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/console/console-review.json"))).expect(201);
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
    void reviewerApprovesTheTaskFromTheInboxAndTheRunRecordNamesThem() {
        String workflowId = api.postJson("/api/workflows", api.json(Map.of("template", "console-review", "businessKey", "LOANS-2026-Q3",
                "parameters", Map.of("report", "loans")))).expect(201).json().get("workflowId").asText();
        ApiFixture.await("the review task", () -> api.get("/api/tasks?workflowId=" + workflowId).json().size() == 1);

        signIn("rita", PASSWORD);
        WebElement task = browser.driver.findElement(By.linkText("Review the profile"));
        assertTrue(browser.driver.findElement(By.id("inbox")).getText().contains("LOANS-2026-Q3"));
        browser.screenshot(SCREENSHOTS.resolve("inbox.png"));

        task.click();
        WebElement upstream = browser.driver.findElement(By.id("upstream-PROFILE_DATA"));
        assertTrue(upstream.getText().contains("marker"), upstream.getText());
        assertTrue(upstream.getText().contains("Profiling"), "the upstream output names its phase: " + upstream.getText());
        browser.driver.findElement(By.id("comment")).sendKeys("Null rates look plausible");
        browser.driver.findElement(By.cssSelector("button[value=APPROVED]")).click();
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.urlContains("completed=REVIEW_PROFILE"));

        ApiFixture.await("the run record of the review", () -> !Sql.query(api.host.database().dataSource(), """
                SELECT 1 FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'REVIEW_PROFILE' AND a.status = 'COMPLETED'""", workflowId).isEmpty());
        Map<String, Object> row = Sql.query(api.host.database().dataSource(), """
                SELECT a.completed_by, a.outcome, a.comment FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'REVIEW_PROFILE'""", workflowId).get(0);
        assertEquals("rita", row.get("completed_by"));
        assertEquals("APPROVED", row.get("outcome"));
        assertEquals("Null rates look plausible", row.get("comment"));

        ApiFixture.await("the sign-off task", () -> api.get("/api/tasks?workflowId=" + workflowId).json().size() == 1);
        api.put("/api/workflows/" + workflowId + "/artifacts/final-report.html", "text/html", ("<h1>Final report</h1><p id=\"js\">no script</p>"
                + "<script>document.getElementById('js').textContent = 'script ran'</script>").getBytes(StandardCharsets.UTF_8)).expect(201);
        browser.driver.findElement(By.linkText("Workflows")).click();
        WebElement runLink = browser.driver.findElement(By.linkText(workflowId));
        runLink.click();
        browser.awaitReplaced(runLink);
        String page = browser.driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("rita"), page);
        assertTrue(page.contains("AutomatedActivityHandler"), page);
        browser.screenshot(SCREENSHOTS.resolve("run.png"));

        browser.driver.switchTo().frame(browser.driver.findElement(By.cssSelector("iframe.report")));
        assertEquals("Final report", browser.driver.findElement(By.tagName("h1")).getText());
        assertEquals("no script", browser.driver.findElement(By.id("js")).getText(), "the report's scripts do not run");
        browser.driver.switchTo().defaultContent();
    }

    @Test
    void anOperatorDoesNotSeeThePluginUpload() throws Exception {
        signIn("otto", PASSWORD);
        assertTrue(browser.driver.findElements(By.linkText("Plugins")).isEmpty(), "no Plugins link for an operator");
        browser.driver.get(url("/plugins"));
        assertTrue(browser.driver.findElements(By.id("plugin-upload")).isEmpty(), "no upload form for an operator");
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("needs the role 'admin'"));

        String session = browser.driver.manage().getCookieNamed(SessionCookie.NAME).getValue();
        HttpResponse<String> plugins = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/plugins"))
                .header("Cookie", SessionCookie.NAME + "=" + session).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, plugins.statusCode());
        assertFalse(plugins.body().contains("plugin-upload"));

        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/workflows"))
                .header("Cookie", SessionCookie.NAME + "=" + session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("template=console-review&businessKey=x")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), "a form post without the session's CSRF token is refused");
    }

    @Test
    void aWrongPasswordSaysNotWhichPartAndRepeatedOnesLockTheName() {
        signIn("rita", "not her password");
        String wrongPassword = browser.driver.findElement(By.id("login-error")).getText();
        signIn("nobody-of-that-name", PASSWORD);
        String unknownUser = browser.driver.findElement(By.id("login-error")).getText();
        assertEquals("Wrong username or password.", wrongPassword);
        assertEquals(wrongPassword, unknownUser, "an unknown name and a wrong password read the same");

        for (int i = 0; i < 5; i++) {
            signIn("lena", "guess " + i);
        }
        signIn("lena", PASSWORD);
        String locked = browser.driver.findElement(By.id("login-error")).getText();
        assertTrue(locked.contains("Try again later"), locked);
        assertTrue(browser.driver.findElements(By.linkText("My tasks")).isEmpty(), "still signed out");
    }

    @Test
    void anAdminStartsAWorkflowManagesPluginsAndValidatesATemplate(@TempDir Path files) throws Exception {
        signIn("ada", PASSWORD);
        browser.driver.findElement(By.linkText("Workflows")).click();
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("start-template"))).selectByValue("console-review");
        browser.driver.findElement(By.id("start-key")).sendKeys("STARTED-IN-CONSOLE");
        WebElement parameters = browser.driver.findElement(By.id("start-parameters"));
        parameters.clear();
        parameters.sendKeys("{\"report\": \"loans\"}");
        WebElement start = browser.driver.findElement(By.cssSelector("#start + form button[type=submit]"));
        start.click();
        browser.awaitReplaced(start);
        assertTrue(browser.driver.findElement(By.tagName("h1")).getText().startsWith("Run console-review-started-in-console-"));
        browser.driver.get(url("/workflows?q=in-CONSOLE"));
        assertTrue(browser.driver.findElement(By.id("workflows")).getText().contains("STARTED-IN-CONSOLE"));

        browser.driver.findElement(By.linkText("Plugins")).click();
        Path notAJar = Files.writeString(files.resolve("not-a-plugin.jar"), "this is no JAR");
        browser.driver.findElement(By.id("jar")).sendKeys(notAJar.toString());
        WebElement install = browser.driver.findElement(By.cssSelector("#plugin-upload button[type=submit]"));
        install.click();
        browser.awaitReplaced(install);
        assertTrue(browser.driver.findElement(By.cssSelector("p.error")).isDisplayed(), "a bad JAR is refused with a message");

        browser.driver.findElement(By.linkText("Templates")).click();
        assertTrue(browser.driver.findElement(By.id("templates")).getText().contains("console-review"));
        browser.driver.findElement(By.id("document")).sendKeys("{\"code\": \"broken\", \"name\": \"Broken\", \"version\": 1, \"phases\": ["
                + "{\"name\": \"P\", \"order\": 1, \"executionMode\": \"sequential\", \"activities\": [{\"code\": \"A\", \"name\": \"A\", "
                + "\"type\": \"TASK\", \"manual\": false, \"handler\": \"AutomatedActivityHandler\", \"timeoutSeconds\": 0, "
                + "\"dependsOn\": [{\"activity\": \"NOPE\"}]}]}]}");
        WebElement validate = browser.driver.findElement(By.cssSelector("#validate + form button[type=submit]"));
        validate.click();
        browser.awaitReplaced(validate);
        String problems = browser.driver.findElement(By.id("problems")).getText();
        assertTrue(problems.contains("phases[0].activities[0].dependsOn[0]"), problems);
        assertTrue(problems.contains("phases[0].activities[0].timeoutSeconds"), problems);

        browser.driver.findElement(By.linkText("Statistics")).click();
        String handlers = browser.driver.findElement(By.id("handler-stats")).getText();
        assertTrue(handlers.contains("AutomatedActivityHandler") && handlers.contains("builtin"), "handler performance is shown: " + handlers);
    }

    private static void signIn(String username, String password) {
        browser.signIn(url("/login"), username, password);
    }

    private static String url(String path) {
        return api.uri(path).toString();
    }
}
