package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.api.ApiFixture;
import dev.cadre.platform.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The inbox as a work queue in a real Chromium: one reviewer claims a task and the other sees who has it,
 * and their completion is refused (409) with what they typed still on the page; filters count and narrow
 * the queue, due times read "due in 3 h" and "2 days overdue"; a data owner sees only their own instance;
 * signing in from a task link lands on the task; the queue refreshes itself; and every page fits 390 px.
 * Takes the inbox (desktop and phone) and task form screenshots.
 */
class WorkQueueBrowserIT {

    static final String PASSWORD = ConsoleBrowserIT.PASSWORD;
    static final Path SCREENSHOTS = ConsoleBrowserIT.SCREENSHOTS;
    static final Dimension DESKTOP = new Dimension(1366, 900);

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
        api.createUsers(PASSWORD, List.of(List.of("rita", "Rita Reviewer", "reviewer"), List.of("rob", "Rob Reviewer", "reviewer"),
                List.of("ada", "Ada Admin", "admin"), List.of("finance.owner", "Fiona Finance", "data-owner"),
                List.of("hr.owner", "Hal Resources", "data-owner")));
        for (String template : List.of("console/console-review.json", "api/people-flow.json", "templates/deadlines.json")) {
            api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources", template))).expect(201);
        }
        browser = new Browser(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        Browser.closeAll(browser, api);
    }

    @BeforeEach
    void signedOut() {
        browser.driver.manage().window().setSize(DESKTOP);
        browser.signOut(url("/login"));
    }

    @Test
    void oneReviewerClaimsAndTheOtherSeesWhoHasItAndKeepsWhatTheyTyped() {
        String id = run("console-review", "CLAIM-B", Map.of("report", "loans"), 1);
        String task = Links.task(id, "REVIEW_PROFILE", "");

        signIn("rita");
        browser.driver.get(url(task));
        assertTrue(text("claimed-by").contains("nobody"), text("claimed-by"));
        click(By.id("claim"));
        assertTrue(text("claimed-by").contains("rita"), text("claimed-by"));
        assertFalse(browser.driver.findElements(By.id("unclaim")).isEmpty(), "the holder may unclaim");

        browser.driver.manage().deleteAllCookies();
        signIn("rob");
        WebElement row = browser.driver.findElement(By.xpath("//table[@id='inbox']//tr[.//a[contains(@href, '" + id + "')]]"));
        assertTrue(row.getText().contains("rita"), "the inbox shows who has it: " + row.getText());
        assertTrue(row.findElements(By.xpath(".//button[text()='Claim']")).isEmpty(), "no Claim button on someone else's claim");
        browser.driver.get(url(task));
        assertTrue(text("claimed-by").contains("rita"), text("claimed-by"));
        assertTrue(text("claimed-notice").contains("rita"), text("claimed-notice"));
        String typed = "Null rates checked against last quarter; two columns need a second look.";
        browser.driver.findElement(By.id("comment")).sendKeys(typed);
        click(By.cssSelector("button[value=APPROVED]"));
        assertTrue(text("task-error").contains("'rita'"), text("task-error"));
        assertEquals(typed, browser.driver.findElement(By.id("comment")).getAttribute("value"), "what they typed is still there");
        assertEquals("WAITING", api.get("/api/tasks?workflowId=" + id).json().get(0).get("status").asText());
    }

    @Test
    void filtersCountAndNarrowTheQueueAndDueTimesReadRelative() {
        String late = run("deadlines", "DUE-LATE", Map.of(), 1);
        String soon = run("deadlines", "DUE-SOON", Map.of(), 1);
        due(late, "now() - interval '50 hours'");
        due(soon, "now() + interval '3 hours 30 minutes'");
        String owners = run("people-flow", "OWNERS-Q", Map.of("owners", List.of("finance", "hr")), 2);

        signIn("ada");
        String inbox = text("inbox");
        assertTrue(inbox.contains("2 days overdue"), inbox);
        assertTrue(inbox.contains("due in 3 h"), inbox);
        assertTrue(text("filter-template").contains("deadlines (2)"), text("filter-template"));
        assertTrue(text("filter-template").contains("people-flow (2)"), text("filter-template"));
        assertTrue(text("filter-role").contains("approver (2)"), text("filter-role"));
        assertTrue(text("filter-due").contains("Overdue (1)"), text("filter-due"));
        browser.screenshot(SCREENSHOTS.resolve("inbox-desktop.png"));

        click(By.xpath("//p[@id='filter-template']/a[starts-with(normalize-space(.), 'deadlines')]"));
        assertEquals(2, rows(), text("inbox"));
        click(By.xpath("//p[@id='filter-due']/a[starts-with(normalize-space(.), 'Overdue')]"));
        assertEquals(1, rows(), text("inbox"));
        assertTrue(text("inbox").contains("DUE-LATE"), text("inbox"));
        assertTrue(text("filter-due").contains("Overdue (1)") && text("filter-template").contains("deadlines (1)"),
                "counts follow the other filters: " + text("filter-template"));

        browser.driver.manage().deleteAllCookies();
        signIn("finance.owner");
        String mine = text("inbox");
        assertTrue(mine.contains("OWNERS-Q") && mine.contains("finance") && !mine.contains("hr.owner"), "only their own instance: " + mine);
        assertTrue(text("filter-show").contains("Mine (1)"), text("filter-show"));
        click(By.linkText("Upload evidence"));
        assertFalse(browser.driver.findElements(By.cssSelector("form.card input[type=file]")).isEmpty(), "the task's form has its file field");

        // the response task asks for more: the screenshot of a task form
        api.put("/api/workflows/" + owners + "/artifacts/evidence/finance.csv", "text/csv", "document,sample_id\nledger,1\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).expect(201);
        api.postJson("/api/workflows/" + owners + "/activities/UPLOAD_EVIDENCE/complete", "{\"instanceId\": \"finance\", \"outcome\": \"DONE\"}")
                .expect(202);
        ApiFixture.await("the finance response", () -> api.get("/api/tasks?workflowId=" + owners).text().contains("RESPOND"));
        browser.driver.get(url(Links.task(owners, "RESPOND", "finance")));
        assertFalse(browser.driver.findElements(By.id("field-amount")).isEmpty(), "the response form's fields");
        browser.driver.executeScript("document.getElementById('decide').scrollIntoView()");
        browser.screenshot(SCREENSHOTS.resolve("task-form.png"));
    }

    @Test
    void signingInFromATaskLinkLandsOnTheTask() {
        String id = run("console-review", "RETURN", Map.of("report", "loans"), 1);
        String task = Links.task(id, "REVIEW_PROFILE", "");
        browser.driver.get(url(task));
        assertTrue(browser.driver.getCurrentUrl().contains("/login?next="), browser.driver.getCurrentUrl());
        browser.driver.findElement(By.id("username")).sendKeys("rita");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        click(By.cssSelector("form button[type=submit]"));
        assertEquals(url(task), browser.driver.getCurrentUrl());
        assertEquals("Review the profile", browser.driver.findElement(By.tagName("h1")).getText());
    }

    @Test
    void theQueueRefreshesItself() {
        signIn("rita");
        browser.driver.get(url("/?refresh=2"));
        String id = run("console-review", "REFRESHED", Map.of("report", "loans"), 1);
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("queue")).getText().contains("REFRESHED"));
        assertTrue(Integer.parseInt((String) browser.driver.executeScript("return document.getElementById('queue').getAttribute('data-refreshed')"))
                > 0, "the script fetched it");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/?refresh=2"), "no navigation: " + id);
    }

    @Test
    void everyPageFitsAPhone() {
        String id = run("console-review", "PHONE-WIDTH-WITH-A-RATHER-LONG-BUSINESS-KEY", Map.of("report", "loans"), 1);
        signIn("ada");
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        for (String page : List.of("/", Links.task(id, "REVIEW_PROFILE", ""), Links.run(id), "/workflows", "/templates", "/plugins")) {
            browser.driver.get(url(page));
            long scroll = (Long) browser.driver.executeScript("return document.scrollingElement.scrollWidth");
            long width = (Long) browser.driver.executeScript("return window.innerWidth");
            assertTrue(scroll <= width, page + " scrolls sideways: " + scroll + " > " + width);
            WebElement signOut = browser.driver.findElement(By.xpath("//button[text()='Sign out']"));
            assertTrue(signOut.isDisplayed() && signOut.getRect().getX() + signOut.getRect().getWidth() <= width, page + ": Sign out is off-screen");
            if ("/".equals(page)) {
                WebElement due = browser.driver.findElement(By.xpath("//table[@id='inbox']//td[@data-label='Claimed by']"));
                assertTrue(due.getRect().getX() + due.getRect().getWidth() <= width, "the last column is on screen");
                browser.screenshot(SCREENSHOTS.resolve("inbox-phone.png"));
            }
        }
    }

    // --- helpers

    private static String run(String template, String businessKey, Map<String, Object> parameters, int tasks) {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", template, "businessKey", businessKey, "parameters", parameters)))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await(businessKey + "'s tasks", () -> api.get("/api/tasks?workflowId=" + id).json().size() == tasks);
        return id;
    }

    /** Moves the waiting task's due time (the deadline steps are the engine's; the inbox only reads due_at). */
    private static void due(String workflowId, String when) {
        assertEquals(1, Sql.update(api.host.database().dataSource(), "UPDATE workflow_activities SET due_at = " + when
                + " WHERE status = 'WAITING' AND workflow_instance_id = (SELECT id FROM workflow_instances WHERE workflow_id = ?)", workflowId));
    }

    private static int rows() {
        return browser.driver.findElements(By.cssSelector("#inbox tbody tr")).size();
    }

    private static String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    private static void click(By by) {
        WebElement element = browser.driver.findElement(by);
        element.click();
        browser.awaitReplaced(element);
    }

    private static void signIn(String username) {
        browser.signIn(url("/login"), username, PASSWORD);
    }

    private static String url(String path) {
        return api.uri(path).toString();
    }
}
