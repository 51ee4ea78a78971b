package org.wechatmp.admin.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * The whole admin as a user meets it in demo mode, for the section browser tests: the local WeChat double (with
 * generated followers), the built war on Jetty in demo mode wired to it (account {@value #ACCOUNT}, its syncs run at
 * start), the superuser {@value #USER} / {@value #PASSWORD}, and, on demand, a headless Chromium signed in. Callbacks
 * are signed and encrypted as WeChat would ({@link #callback(String)}).
 */
final class AdminStack implements AutoCloseable {
    static final String ACCOUNT = "demo";
    static final String USER = "root";
    static final String PASSWORD = "correct horse battery staple";
    /** The demo account's callback settings (see {@code Demo}). */
    static final String TOKEN = "demo-token";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wx0000000000demo0";

    final WeChatDouble wechat;
    final JettyWar war;
    ChromeDriver driver;
    WebDriverWait wait;

    private AdminStack(WeChatDouble wechat, JettyWar war) {
        this.wechat = wechat;
        this.war = war;
    }

    /**
     * Starts the double with {@code followers} generated followers and the war in demo mode on it.
     *
     * @param followers generated followers (the demo's full sync fetches them at start)
     * @param params more context parameters of the war
     */
    static AdminStack start(int followers, Map<String, String> params) throws Exception {
        WeChatDouble wechat = WeChatDouble.builder().followers(followers).pageSize(Math.max(1, Math.min(10_000,
                followers))).start();
        try {
            Map<String, String> all = new java.util.HashMap<>(params);
            all.put("wechat.demo.api.base", wechat.baseUrl());
            all.put("wechat.admin.user", USER);
            all.put("wechat.admin.password", PASSWORD);
            return new AdminStack(wechat, JettyWar.start(all));
        } catch (Exception | Error e) {
            wechat.close();
            throw e;
        }
    }

    String base() {
        return war.base();
    }

    /** A plain HTTP client (no JS), signed in as the superuser. */
    Web web() throws IOException, InterruptedException {
        Web web = new Web(base());
        web.signIn(USER, PASSWORD);
        return web;
    }

    /** Opens headless Chromium (skips the test without it, fails under CI=true) and signs in. */
    ChromeDriver browser(String acceptLanguage) {
        Browser.assumePresent();
        driver = Browser.start(acceptLanguage);
        wait = Browser.waiting(driver, Duration.ofSeconds(15));
        open("/login");
        type("username", USER);
        type("password", PASSWORD);
        driver.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        return driver;
    }

    void open(String path) {
        driver.get(base() + path);
    }

    void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    /** The visible text of {@code #id}, waiting for it; fails with the page source when it never shows. */
    String shown(String id) {
        try {
            return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                WebElement e = ExpectedConditions.visibilityOfElementLocated(By.id(id)).apply(d);
                return e == null ? null : e.getText();
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no #" + id + " on " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(), e);
        }
    }

    /**
     * The visible text of {@code #id} once it contains every one of {@code texts}: after a form post the previous
     * page's element may still be the one found. Fails with what it said and the page source when it never does.
     */
    String shown(String id, String... texts) {
        String[] last = {null};
        try {
            return wait.until(d -> {
                WebElement e = ExpectedConditions.visibilityOfElementLocated(By.id(id)).apply(d);
                if (e == null) {
                    return null;
                }
                String text = e.getText();
                last[0] = text;
                for (String t : texts) {
                    if (!text.contains(t)) {
                        return null;
                    }
                }
                return text;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("#" + id + " never said " + java.util.Arrays.toString(texts) + " on "
                    + driver.getCurrentUrl() + "; it said: " + last[0] + "\n" + driver.getPageSource(), e);
        }
    }

    /**
     * The flash message once it says {@code text}: after a form post the previous page's flash may still be the one
     * found, or go stale while the next page replaces it.
     */
    String flash(String text) {
        try {
            return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                var found = d.findElements(By.id("flash"));
                return !found.isEmpty() && found.get(0).getText().contains(text) ? found.get(0).getText() : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no flash saying '" + text + "' on " + driver.getCurrentUrl() + ":\n"
                    + driver.getPageSource(), e);
        }
    }

    void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("admin.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Posts a plain callback message to the demo account, signed and encrypted (safe mode) as WeChat would.
     *
     * @param plainXml the message
     * @return the decrypted reply, empty for none
     */
    String callback(String plainXml) throws IOException, InterruptedException {
        CallbackSigner signer = CallbackSigner.encrypted(TOKEN, AES_KEY, APP_ID, EncryptMode.SAFE);
        SignedCallback cb = signer.message(plainXml);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                + "/wechat/" + ACCOUNT + "?" + cb.queryString())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(cb.body(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new AssertionError("callback answered " + r.statusCode() + ": " + r.body());
        }
        return signer.readReply(r.body());
    }

    /** A text message from a follower, as WeChat sends it. */
    static String text(String openid, String content) {
        return "<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + System.currentTimeMillis() / 1000
                + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
                + "]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";
    }

    /** An event from a follower, e.g. {@code event(o, "SCAN", "42")}. */
    static String event(String openid, String event, String key) {
        return "<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + System.currentTimeMillis() / 1000
                + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event>"
                + (key == null ? "" : "<EventKey><![CDATA[" + key + "]]></EventKey>") + "</xml>";
    }

    @Override
    public void close() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        try {
            war.close();
        } finally {
            wechat.close();
        }
    }
}
