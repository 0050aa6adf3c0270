package dev.cadre.platform.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver: both paths are given, so Selenium
 * Manager never looks for (or downloads) a browser or a driver. Each browser gets a fresh profile.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;

    /**
     * Skips the calling test when Chromium is not installed, except in CI (where {@code .ci/run}
     * installs it): there its absence fails the test.
     */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            fail("CI must run the browser tests: install Debian's chromium and chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(installed, "browser tests skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
                + "(apt-get install chromium chromium-driver)");
    }

    /** @param profile an empty directory for the browser's profile */
    Browser(Path profile) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_MANAGER", "false");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1366,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /**
     * Starts a test signed out: on the console's page, with no session cookie left from the test before.
     *
     * @param loginUrl the console's {@code /login}
     */
    void signOut(String loginUrl) {
        driver.get(loginUrl);
        driver.manage().deleteAllCookies();
    }

    /**
     * Closes what a browser test class opened, in the order given, skipping what was never opened (its
     * {@code @BeforeAll} may have stopped early, e.g. without Chromium).
     *
     * @param parts the browser, the host, an issuer ...
     */
    static void closeAll(AutoCloseable... parts) throws Exception {
        for (AutoCloseable part : parts) {
            if (part != null) {
                part.close();
            }
        }
    }

    /** Saves what the browser shows as a PNG. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write screenshot " + file, e);
        }
    }

    /**
     * Signs in on the console's form and waits until the answer has replaced it.
     *
     * @param loginUrl the console's {@code /login}
     */
    void signIn(String loginUrl, String username, String password) {
        driver.get(loginUrl);
        org.openqa.selenium.WebElement name = driver.findElement(org.openqa.selenium.By.id("username"));
        name.clear();
        name.sendKeys(username);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        org.openqa.selenium.WebElement submit = driver.findElement(org.openqa.selenium.By.cssSelector("form button[type=submit]"));
        submit.click();
        awaitReplaced(submit);
    }

    /**
     * Waits until a page load has replaced the element (a submitted form's button). Chrome may answer a
     * look at an element of a page being replaced with "does not belong to the document" rather than
     * "stale": both mean the new page is there.
     */
    void awaitReplaced(org.openqa.selenium.WebElement element) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(90)).until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    @Override
    public void close() {
        driver.quit();
    }
}
