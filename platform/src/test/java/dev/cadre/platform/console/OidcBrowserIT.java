package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.api.ApiFixture;
import dev.cadre.platform.sso.TestIssuer;
import dev.cadre.platform.sso.TestIssuer.Person;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Single sign-on in a real Chromium: a person signs in at the in-process OpenID Connect provider, comes
 * back to the console with the role their group maps to, finds the task of that role in the inbox and
 * approves it, and the run record names them; a person whose groups map to nothing is told so and
 * gets no session. Both sign-ins are in the audit log.
 */
class OidcBrowserIT {

    static final Person OLIVIA = new Person("sub-olivia", "olivia", "Olivia Approver", List.of("staff", "cadre-approvers"));
    static final Person NORA = new Person("sub-nora", "nora", "Nora Nobody", List.of("staff"));

    @TempDir
    static Path home;
    @TempDir
    static Path profile;

    static TestIssuer issuer;
    static ApiFixture api;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        issuer = new TestIssuer();
        issuer.add(OLIVIA);
        issuer.add(NORA);
        api = ApiFixture.withSingleSignOn(home, issuer.issuer(), TestIssuer.CLIENT_ID, TestIssuer.CLIENT_SECRET);
        api.postJson("/api/templates?publish=true", Files.readString(Path.of("src/test/resources/api/one-approval.json"))).expect(201);
        api.putJson("/api/oidc/role-mappings", "{\"mappings\": [{\"claimValue\": \"cadre-approvers\", \"roles\": [\"approver\"]}]}").expect(200);
        browser = new Browser(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        Browser.closeAll(browser, api, issuer);
    }

    @BeforeEach
    void signedOut() {
        browser.signOut(url("/login"));
    }

    @Test
    void aMappedPersonSignsInAtTheProviderAndApprovesTheTaskOfTheirRole() {
        String workflowId = api.postJson("/api/workflows", api.json(Map.of("template", "one-approval", "businessKey", "SSO-2026-Q4")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the approval task", () -> api.get("/api/tasks?workflowId=" + workflowId).json().size() == 1);

        signInAtProvider("olivia");
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.presenceOfElementLocated(By.id("inbox")));
        String who = browser.driver.findElement(By.className("who")).getText();
        assertTrue(who.contains("Olivia Approver (olivia)"), who);
        assertTrue(browser.driver.findElement(By.id("inbox")).getText().contains("SSO-2026-Q4"));

        browser.driver.findElement(By.linkText("Approve the thing")).click();
        browser.driver.findElement(By.cssSelector("button[value=APPROVED]")).click();
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.urlContains("completed=APPROVE"));

        ApiFixture.await("the run record of the approval", () -> !Sql.query(api.host.database().dataSource(), """
                SELECT 1 FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'APPROVE' AND a.status = 'COMPLETED'""", workflowId).isEmpty());
        Map<String, Object> row = Sql.query(api.host.database().dataSource(), """
                SELECT a.completed_by, a.outcome FROM workflow_activities a JOIN workflow_instances w ON w.id = a.workflow_instance_id
                WHERE w.workflow_id = ? AND a.activity_code = 'APPROVE'""", workflowId).get(0);
        assertEquals("olivia", row.get("completed_by"));
        assertEquals("APPROVED", row.get("outcome"));

        var signIn = api.get("/api/audit?type=signin.success&actor=olivia").expect(200).json().get("events").get(0);
        assertEquals("oidc", signIn.get("after").get("method").asText());
        assertEquals("sub-olivia", signIn.get("after").get("subject").asText());
    }

    @Test
    void aPersonWhoseGroupsMapToNothingIsToldSoAndGetsNoSession() {
        signInAtProvider("nora");
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
        String error = browser.driver.findElement(By.id("login-error")).getText();
        assertTrue(error.contains("no group that Cadre maps to a role"), error);
        assertEquals(null, browser.driver.manage().getCookieNamed(SessionCookie.NAME));
        browser.driver.get(url("/"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/login"), browser.driver.getCurrentUrl());
        assertEquals(1, api.get("/api/audit?type=signin.failure&actor=nora").expect(200).json().get("events").size());
    }

    @Test
    void signingInAtTheProviderFromATaskLinkLandsOnTheTask() {
        String workflowId = api.postJson("/api/workflows", api.json(Map.of("template", "one-approval", "businessKey", "SSO-RETURN")))
                .expect(201).json().get("workflowId").asText();
        ApiFixture.await("the approval task", () -> api.get("/api/tasks?workflowId=" + workflowId).json().size() == 1);
        String task = Links.task(workflowId, "APPROVE", "");
        browser.driver.get(url(task));
        assertTrue(browser.driver.getCurrentUrl().contains("/login?next="), browser.driver.getCurrentUrl());
        signInAtProvider("olivia", false);
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.urlToBe(url(task)));
        assertTrue(browser.driver.findElement(By.className("who")).getText().contains("olivia"));
    }

    private void signInAtProvider(String who) {
        signInAtProvider(who, true);
    }

    private void signInAtProvider(String who, boolean fromLogin) {
        if (fromLogin) {
            browser.driver.get(url("/login"));
        }
        browser.driver.findElement(By.id("sso-sign-in")).click();
        new WebDriverWait(browser.driver, ApiFixture.PATIENCE).until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
        assertTrue(browser.driver.getCurrentUrl().startsWith(issuer.issuer() + "/authorize"), browser.driver.getCurrentUrl());
        assertTrue(browser.driver.getCurrentUrl().contains("code_challenge_method=S256"), "PKCE: " + browser.driver.getCurrentUrl());
        browser.driver.findElement(By.id("who")).sendKeys(who);
        browser.driver.findElement(By.id("issuer-sign-in")).click();
    }

    private static String url(String path) {
        return api.uri(path).toString();
    }
}
