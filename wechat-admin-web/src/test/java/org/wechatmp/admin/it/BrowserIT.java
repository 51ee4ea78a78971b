package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin in headless Chromium, as a user: first-run setup with the logged token, sign-out, a throttled sign-in,
 * an account whose title is an XSS payload, "test credentials" against WireMock through htmx, the dashboard in
 * zh-CN and en (screenshots), an editor of one account shut out of another, and no request leaving the server.
 */
class BrowserIT {
    static final String XSS = "<img src=x onerror=alert(1)>";
    static WeChatApi api;
    static JettyWar jetty;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static final List<String> requested = new ArrayList<>();
    static final List<String> console = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Browser.assumePresent();
        api = new WeChatApi();
        jetty = JettyWar.start(Map.of());
        driver = Browser.start("zh-CN,zh");
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (jetty != null) {
            jetty.close();
        }
        if (api != null) {
            api.close();
        }
    }

    static void open(String path) {
        driver.get(jetty.base() + path);
    }

    static void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    static void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    static void signIn(String user, String password) {
        open("/login");
        type("username", user);
        type("password", password);
        click("signin");
    }

    static void signOut() {
        click("logout");
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    static String shown(String id) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no #" + id + " on " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(), e);
        }
    }

    static String html() {
        return driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    static void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("admin.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    static void collectLogs() {
        Pattern url = Pattern.compile("\"url\":\"([^\"]+)\"");
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            if (e.getMessage().contains("\"Network.requestWillBeSent\"")) {
                Matcher m = url.matcher(e.getMessage());
                if (m.find()) {
                    requested.add(m.group(1));
                }
            }
        }
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(e.getMessage());
        }
    }

    @Test
    void aUserRunsTheAdminEndToEnd() throws Exception {
        // 1. first run: every page leads to setup, which wants the one-time token from the log; the browser asks zh
        open("/");
        wait.until(ExpectedConditions.urlContains("/setup"));
        assertThat(html()).isEqualTo("zh-CN");
        assertThat(driver.getTitle()).contains("首次设置");
        type("token", "wrong-token");
        type("username", "root");
        type("password", "root-password-1");
        type("confirm", "root-password-1");
        click("create");
        assertThat(shown("setup-error")).isEqualTo("设置令牌错误。");
        type("token", jetty.setupToken());
        type("password", "root-password-1");
        type("confirm", "root-password-1");
        click("create");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertThat(driver.findElement(By.id("flash")).getText()).isEqualTo("超级管理员已创建，欢迎！");

        // 2. sign out, and a sign-in that keeps failing gets throttled
        signOut();
        for (int i = 0; i < 5; i++) {
            signIn("mallory", "guess-" + i);
            assertThat(shown("login-error")).isEqualTo("用户名或密码错误。");
        }
        signIn("mallory", "guess-6");
        assertThat(shown("login-error")).contains("失败次数过多");

        // 3. sign in; add an account titled with an XSS payload and test its credentials against WireMock (htmx)
        signIn("root", "root-password-1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-accounts")));
        open("/accounts/new?lang=en");
        assertThat(html()).isEqualTo("en");
        type("name", "alpha");
        type("title", XSS);
        type("appId", "wxalpha");
        type("secret", "good-secret");
        type("token", "callback-token");
        type("apiBase", api.base());
        click("save");
        wait.until(ExpectedConditions.urlContains("/a/alpha/settings"));
        assertThat(driver.findElement(By.id("callback-url")).getAttribute("value"))
                .isEqualTo(jetty.base() + "/wechat/alpha");
        assertThat(driver.findElement(By.id("secret")).getAttribute("value")).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain("good-secret");
        String before = driver.getCurrentUrl();
        click("test-credentials");
        WebElement ok = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-ok")));
        assertThat(ok.getText()).isEqualTo("Credentials OK: an access token was obtained.");
        assertThat(driver.getCurrentUrl()).as("swapped in place by htmx").isEqualTo(before);
        assertThat(api.tokenCalls()).isEqualTo(1);

        open("/accounts");
        assertThat(driver.findElement(By.cssSelector("#accounts .account-title")).getText()).isEqualTo(XSS);
        assertThat(driver.findElements(By.cssSelector("#accounts img"))).isEmpty();
        assertThatNoAlert();

        // 4. a second account, and an editor granted only alpha
        open("/accounts/new");
        type("name", "beta");
        type("title", "Beta");
        type("appId", "wxbeta");
        click("save");
        wait.until(ExpectedConditions.urlContains("/a/beta/settings"));
        open("/admins");
        type("username", "ed");
        type("password", "editor-pass-1");
        type("confirm", "editor-pass-1");
        click("create-admin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("grants-form")));
        new Select(driver.findElement(By.name("g.alpha.settings"))).selectByValue("edit");
        click("save-grants");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertThat(new Select(driver.findElement(By.name("g.alpha.settings"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("edit");

        // 5. the dashboard in both languages
        open("/?lang=zh-CN");
        assertThat(html()).isEqualTo("zh-CN");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("概览");
        assertThat(driver.findElements(By.cssSelector("#dashboard .card"))).hasSize(2);
        assertThat(driver.getPageSource()).contains("粉丝数（本地）").contains("尚未获取");
        screenshot("dashboard-zh-CN.png");
        click("lang-en");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        assertThat(html()).isEqualTo("en");
        screenshot("dashboard-en.png");
        assertThatNoAlert();
        signOut();

        // 6. the editor sees alpha, and beta's pages are 404 by URL
        signIn("ed", "editor-pass-1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
        assertThat(driver.findElements(By.cssSelector("#dashboard .card"))).hasSize(1);
        open("/a/alpha/settings");
        assertThat(driver.findElement(By.id("test-credentials")).isDisplayed()).isTrue();
        open("/a/beta/settings");
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("404");
        assertThat(driver.getPageSource()).doesNotContain("wxbeta");
        open("/admins");
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("403");
        signOut();

        // 7. nothing left the server: every request went to it, and no CSP violation was reported
        collectLogs();
        assertThat(requested).isNotEmpty();
        assertThat(requested).allSatisfy(u -> assertThat(u).matches("(" + Pattern.quote(jetty.base())
                + "/.*|data:.*)"));
        assertThat(requested).anyMatch(u -> u.contains("/webjars/htmx.org/"));
        assertThat(console).noneMatch(m -> m.contains("Content Security Policy"));
    }

    static void assertThatNoAlert() {
        try {
            driver.switchTo().alert();
            throw new AssertionError("an alert opened: the XSS payload ran");
        } catch (NoAlertPresentException expected) {
            // the payload stayed text
        }
    }
}
