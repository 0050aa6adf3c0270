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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Task forms in a real Chromium: a data owner's inbox holds their own instance only; the evidence task
 * asks for its file by label and stores it as the form says; the response task draws its typed fields
 * with labels, the browser holds back an incomplete form, and what is sent arrives typed in the run record.
 */
class TaskFormBrowserIT {

    static final String PASSWORD = "correct horse battery";

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
        for (String user : List.of("finance.owner", "hr.owner")) {
            api.postJson("/api/users", api.json(Map.of("username", user, "password", PASSWORD, "roles", List.of("data-owner")))).expect(201);
        }
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/api/people-flow.json"))).expect(201);
        browser = new Browser(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        Browser.closeAll(browser, api);
    }

    @Test
    void aDataOwnerFillsTheirTasksFormsAndTheRecordHoldsTypedData() throws Exception {
        String id = api.postJson("/api/workflows", api.json(Map.of("template", "people-flow", "businessKey", "FORMS-1",
                "parameters", Map.of("owners", List.of("finance", "hr"))))).expect(201).json().get("workflowId").asText();
        ApiFixture.await("both evidence tasks", () -> api.get("/api/tasks?workflowId=" + id).json().size() == 2);

        signIn("finance.owner");
        List<WebElement> tasks = browser.driver.findElements(By.cssSelector("#inbox a[href^='/tasks/']"));
        assertEquals(1, tasks.size(), "only their own instance: " + browser.driver.findElement(By.id("inbox")).getText());
        tasks.get(0).click();
        assertEquals("Evidence file (CSV) (required)", browser.driver.findElement(By.cssSelector("label[for=field-evidence]")).getText());
        Path evidence = Files.writeString(files.resolve("finance.csv"), "document,sample_id\nledger,1\n");
        browser.driver.findElement(By.id("field-evidence")).sendKeys(evidence.toString());
        browser.driver.findElement(By.cssSelector("button[value=DONE]")).click();
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.urlContains("completed=UPLOAD_EVIDENCE"));
        assertEquals("evidence/finance.csv", api.get("/api/workflows/" + id + "/artifacts").json().get(0).get("name").asText());

        ApiFixture.await("RESPOND waits", () -> api.get("/api/tasks?workflowId=" + id).text().contains("RESPOND"));
        browser.driver.get(api.uri("/tasks/" + id + "/RESPOND?instance=finance").toString());
        assertEquals("number", browser.driver.findElement(By.id("field-amount")).getAttribute("type"));
        assertEquals("date", browser.driver.findElement(By.id("field-due")).getAttribute("type"));
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("Decision"));
        WebElement form = browser.driver.findElement(By.cssSelector("form.card"));
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        assertFalse((Boolean) js.executeScript("return arguments[0].checkValidity()", form), "required fields are empty");
        String before = browser.driver.getCurrentUrl();
        browser.driver.findElement(By.cssSelector("button[value=DONE]")).click();
        assertEquals(before, browser.driver.getCurrentUrl(), "the browser holds back an incomplete form");

        browser.driver.findElement(By.id("field-amount")).sendKeys("12.5");
        js.executeScript("arguments[0].value = '2026-12-31'", browser.driver.findElement(By.id("field-due")));
        new Select(browser.driver.findElement(By.id("field-decision"))).selectByVisibleText("agree");
        browser.driver.findElement(By.id("field-owners")).sendKeys("Fiona\nFred");
        browser.screenshot(ConsoleBrowserIT.SCREENSHOTS.resolve("task-form.png"));
        browser.driver.findElement(By.cssSelector("button[value=DONE]")).click();
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.urlContains("completed=RESPOND"));

        ApiFixture.await("the response recorded", () -> !Sql.query(api.host.database().dataSource(), """
                SELECT 1 FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'RESPOND' AND a.instance_id = 'finance' AND a.status = 'COMPLETED'""", id).isEmpty());
        String data = String.valueOf(Sql.query(api.host.database().dataSource(), """
                SELECT (a.output -> 'data')::text AS data FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'RESPOND' AND a.instance_id = 'finance'""", id).get(0).get("data"));
        assertTrue(data.contains("\"amount\": 12.5") && data.contains("\"due\": \"2026-12-31\"") && data.contains("\"decision\": \"agree\"")
                && data.contains("\"owners\": [\"Fiona\", \"Fred\"]"), data);
    }

    private static void signIn(String username) {
        browser.signIn(api.uri("/login").toString(), username, PASSWORD);
    }
}
