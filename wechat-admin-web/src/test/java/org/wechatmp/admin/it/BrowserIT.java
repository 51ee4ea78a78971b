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
import org.wechatmp.examples.wechatdouble.WeChatDouble;

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
        wait = Browser.waiting(driver, Duration.ofSeconds(15));
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
        WebElement save = driver.findElement(By.id("save-grants"));
        save.click();
        wait.until(ExpectedConditions.stalenessOf(save)); // the saved page has replaced the form
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

    /** An attribute of the live bar, read again when htmx swapped it between the find and the read. */
    static String bar(String attribute) {
        for (int i = 0;; i++) {
            try {
                return driver.findElement(By.id("job-bar")).getAttribute(attribute);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (i >= 20) {
                    throw e;
                }
            }
        }
    }

    static long barValue() {
        return Long.parseLong(bar("value"));
    }

    static String jobState() {
        for (int i = 0;; i++) {
            try {
                return driver.findElement(By.cssSelector("#job-live .job-status")).getAttribute("data-state");
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (i >= 20) {
                    throw e;
                }
            }
        }
    }

    static void awaitState(String state) {
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> state.equals(jobState()));
    }

    static String startJob(String account, String kind) {
        open("/jobs");
        new Select(driver.findElement(By.id("start-account"))).selectByValue(account);
        new Select(driver.findElement(By.id("start-kind"))).selectByValue(kind);
        WebElement button = driver.findElement(By.id("start-job"));
        button.click();
        wait.until(ExpectedConditions.stalenessOf(button)); // the next page (the job, or the refusal) has replaced it
        return driver.getCurrentUrl();
    }

    /**
     * Sync jobs live: 5,000 followers from the WeChat double; the bar of the job page moves over server-sent events
     * to 100 % without a reload, a second tab shows the same job and a second start there is refused; an errcode
     * injected on the third page shows on the page and "resume" finishes; a signed callback shows on the dashboard.
     */
    @Test
    void aFollowerSyncMovesLiveInTwoTabsAndResumesAfterAnInjectedErrcode() throws Exception {
        try (WeChatDouble wechat = WeChatDouble.builder().followers(5_000).pageSize(1_000)
                .profileDelay(Duration.ofMillis(100)).start();
                JettyWar war = JettyWar.start(Map.of("wechat.admin.user", "root", "wechat.admin.password",
                        "root-password-1"))) {
            Web web = new Web(war.base());
            assertThat(web.signIn("root", "root-password-1").statusCode()).isEqualTo(302);
            web.get("/accounts/new");
            Map<String, String> f = new java.util.HashMap<>(Map.of("name", "gamma", "title", "Gamma", "type",
                    "SERVICE", "appId", "wxgamma", "secret", "gamma-secret", "token", "gamma-token", "encryptMode",
                    "PLAIN", "aesKey", "", "apiBase", wechat.baseUrl()));
            f.put("logMessages", "on");
            assertThat(web.post("/accounts/new", f).statusCode()).isEqualTo(302);

            JettyWar main = jetty;
            jetty = war;
            driver.manage().deleteAllCookies();
            try {
                signIn("root", "root-password-1");
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
                open("/?lang=en");

                // 1. start: the job page's bar moves over SSE; mark the page to prove it is never reloaded
                String jobUrl = startJob("gamma", "FOLLOWERS_FULL");
                assertThat(jobUrl).matches(".*/jobs/[0-9a-f-]{36}");
                String first = driver.getWindowHandle();
                driver.executeScript("document.body.dataset.marker = 'same-page'");

                // 2. a second tab shows the same job moving, and a second start there is refused
                driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
                driver.get(jobUrl);
                List<Long> seen = new ArrayList<>();
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < until) {
                    long v = barValue();
                    if (seen.isEmpty() || seen.get(seen.size() - 1) != v) {
                        seen.add(v);
                    }
                    if (seen.stream().filter(x -> x > 0 && x < 5_000).count() >= 2) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertThat(seen.stream().filter(x -> x > 0 && x < 5_000).count())
                        .as("values between 0 and 5000 seen live in the second tab: %s", seen).isGreaterThanOrEqualTo(2);
                assertThat(seen).isSorted();
                assertThat(bar("max")).isEqualTo("5000");
                startJob("gamma", "FOLLOWERS_FULL");
                assertThat(shown("jobs-error")).contains("already running");
                click("conflict-job");
                wait.until(ExpectedConditions.urlToBe(jobUrl));

                // 3. the first tab reaches 100 % live, without a reload
                driver.switchTo().window(first);
                awaitState("SUCCEEDED");
                assertThat(barValue()).isEqualTo(5_000);
                assertThat(bar("max")).isEqualTo("5000");
                assertThat(driver.findElement(By.id("job-summary")).getText()).contains("fetched=5000");
                assertThat(driver.executeScript("return document.body.dataset.marker")).isEqualTo("same-page");
                screenshot("job-followers-done.png");

                // 4. an errcode on the third page: the page shows it live, and "resume" finishes from the cursor
                wechat.failPage(3, 45009);
                startJob("gamma", "FOLLOWERS_FULL");
                awaitState("FAILED");
                assertThat(shown("job-error")).contains("45009");
                screenshot("job-followers-failed.png");
                click("job-resume");
                wait.until(ExpectedConditions.titleContains("Sync job"));
                awaitState("SUCCEEDED");
                assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Followers (new)");
                assertThat(driver.findElement(By.id("job-summary")).getText()).contains("fetched=3000");

                // 5. a signed callback to the account shows on the dashboard as its last message time
                open("/");
                WebElement card = driver.findElement(By.cssSelector("[data-account=gamma]"));
                assertThat(card.getText()).contains("5000");
                org.wechatmp.core.crypto.SignedCallback cb = org.wechatmp.core.crypto.CallbackSigner
                        .plain("gamma-token").message("<xml><ToUserName><![CDATA[gh_gamma]]></ToUserName>"
                                + "<FromUserName><![CDATA[" + "oDemo" + "0".repeat(23) + "]]></FromUserName>"
                                + "<CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime>"
                                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content>"
                                + "<MsgId>42</MsgId></xml>");
                var response = web.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(war.base()
                        + "/wechat/gamma?" + cb.queryString())).header("Content-Type", "text/xml")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(cb.body())).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
                    open("/");
                    return driver.findElement(By.cssSelector("[data-account=gamma]")).getText()
                            .matches("(?s).*Last message received\\s*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}.*");
                });
                screenshot("dashboard-after-sync.png");
                collectLogs();
                assertThat(console).noneMatch(m -> m.contains("Content Security Policy"));
                assertThat(String.valueOf(driver.executeScript("return performance.getEntriesByType('resource')"
                        + ".map(function (e) { return e.name; }).join(' ')"))).contains(war.base()
                        + "/webjars/htmx-ext-sse/2.2.2/sse.js");
            } finally {
                // the other test checks its own requests and console only
                requested.clear();
                console.clear();
                for (String h : driver.getWindowHandles()) {
                    if (driver.getWindowHandles().size() > 1) {
                        driver.switchTo().window(h).close();
                    }
                }
                driver.switchTo().window(driver.getWindowHandles().iterator().next());
                jetty = main;
                driver.manage().deleteAllCookies();
            }
        }
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
