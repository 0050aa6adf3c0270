package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.api.ApiFixture;
import dev.cadre.platform.testing.Sql;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The template page's simulation in a real Chromium: an admin picks one of the scenarios a published
 * version keeps, and the page shows the run as the scenario plays it (each step on the timeline, in
 * simulated time), with no run recorded.
 */
class SimulationTimelineBrowserIT {

    static final String PASSWORD = "correct horse battery";

    /** A start, a review a person approves after three hours, and a step only a rejection would skip. */
    static final String TEMPLATE = """
            {"code": "timeline", "name": "Timeline", "version": 1,
             "phases": [{"name": "Review", "order": 1, "executionMode": "sequential", "activities": [
               {"code": "REVIEW_START", "name": "Review start", "type": "START", "manual": false, "handler": "AutomatedActivityHandler",
                "executionMode": "sequential", "timeoutSeconds": 60, "retryPolicy": %1$s, "config": {}, "dependsOn": []},
               {"code": "REVIEW_WORK", "name": "Review the work", "type": "REVIEW", "manual": true, "handler": "ManualActivityHandler",
                "executionMode": "sequential", "timeoutSeconds": 86400, "retryPolicy": %1$s, "config": {"assigneeRole": "reviewer"},
                "dependsOn": []},
               {"code": "REVIEW_COMPLETE", "name": "Review complete", "type": "COMPLETE", "manual": false, "handler": "AutomatedActivityHandler",
                "executionMode": "sequential", "timeoutSeconds": 60, "retryPolicy": %1$s, "config": {}, "dependsOn": []}]}],
             "scenarios": [{"name": "approved after three hours", "people": {"*": {"after": "PT3H"}},
                            "expect": {"status": "COMPLETED", "ran": ["REVIEW_WORK", "REVIEW_COMPLETE"]}}]}
            """.formatted("""
            {"maximumAttempts": 1, "initialIntervalSeconds": 1, "backoffCoefficient": 1.0, "maximumIntervalSeconds": 1, "nonRetryableErrors": []}""");

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
        api.postJson("/api/users", api.json(Map.of("username", "tess.admin", "password", PASSWORD, "roles", List.of("admin")))).expect(201);
        api.postJson("/api/templates?publish=true", TEMPLATE).expect(201);
        browser = new Browser(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        Browser.closeAll(browser, api);
    }

    @Test
    void anAdminSimulatesAKeptScenarioAndSeesEveryStepOnTheTimeline() throws Exception {
        browser.signIn(api.uri("/login").toString(), "tess.admin", PASSWORD);

        browser.driver.get(api.uri("/templates").toString());
        WebElement form = browser.driver.findElement(By.cssSelector("form[action*='/templates/timeline/']"));
        new Select(form.findElement(By.name("scenario"))).selectByVisibleText("approved after three hours");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));

        String heading = browser.driver.findElement(By.id("simulation")).getText();
        assertTrue(heading.contains("approved after three hours"), heading);
        List<String> steps = browser.driver.findElements(By.cssSelector("#timeline tbody th")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("REVIEW_START", "REVIEW_WORK", "REVIEW_COMPLETE"), steps);
        List<Double> widths = browser.driver.findElements(By.cssSelector("#timeline rect[x]")).stream()
                .map(bar -> Double.parseDouble(bar.getAttribute("width"))).toList();
        assertEquals(3, widths.size(), "a bar per step");
        assertTrue(widths.get(1) > 90, "the review takes nearly the whole run: " + widths);
        String page = browser.driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("COMPLETED"), page);
        browser.screenshot(ConsoleBrowserIT.SCREENSHOTS.resolve("simulation-timeline.png"));

        assertEquals(0, Sql.query(api.host.database().dataSource(), "SELECT 1 FROM workflow_instances").size(),
                "a simulation records no run");
    }
}
