package org.wechatmp.admin.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium through its chromedriver; the tests skip without them, except under CI=true. */
final class Browser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    static void assumePresent() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM + " or " + DRIVER + " is missing: apt-get install chromium chromium-driver "
                    + "fonts-noto-cjk");
        }
        Assumptions.assumeTrue(present, "browser tests skipped: install chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver fonts-noto-cjk)");
    }

    static ChromeDriver start(String acceptLanguage) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toString());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--lang=" + acceptLanguage);
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        return new ChromeDriver(service, o);
    }

    /**
     * A wait that retries while the page is being replaced: a stale element, and the error chromedriver gives instead
     * of one when the element's document is unloading mid-call ("unhandled inspector error: Node with given id does
     * not belong to the document").
     */
    static WebDriverWait waiting(WebDriver driver, Duration timeout) {
        return new WebDriverWait(driver, timeout) {
            @Override
            public <V> V until(Function<? super WebDriver, ? extends V> condition) {
                return super.until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (StaleElementReferenceException e) {
                        return null;
                    } catch (WebDriverException e) {
                        if (replaced(e)) {
                            return null;
                        }
                        throw e;
                    }
                });
            }
        };
    }

    /** Whether the error says the element's document went away (the page is being replaced). */
    static boolean replaced(WebDriverException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("does not belong to the document") || m.contains("Cannot find context with specified id")
                || m.contains("Execution context was destroyed");
    }
}
