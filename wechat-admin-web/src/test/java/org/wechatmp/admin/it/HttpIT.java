package org.wechatmp.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built war on Jetty over plain HTTP (no JS): setup, sign-in, CSRF, cookies, throttling, secrets, grants (404
 * and 403), error pages and the audit log. One server for the class; the methods run in order, as a user would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpIT {
    static final String ROOT_PW = "root-password-1";
    static WeChatApi api;
    static JettyWar jetty;
    static Web root;

    @BeforeAll
    static void start() throws Exception {
        api = new WeChatApi();
        jetty = JettyWar.start(Map.of("wechat.site.url", ""));
        root = new Web(jetty.base());
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
        api.close();
    }

    static Map<String, String> account(String name, String title, String secret) {
        Map<String, String> f = new HashMap<>();
        f.put("name", name);
        f.put("title", title);
        f.put("type", "SERVICE");
        f.put("appId", "wx" + name);
        f.put("secret", secret);
        f.put("token", "callback-token-" + name);
        f.put("encryptMode", "PLAIN");
        f.put("aesKey", "");
        f.put("apiBase", api.base());
        return f;
    }

    @Test
    @Order(1)
    void everythingRedirectsToSetupAndSetupNeedsTheLoggedToken() throws Exception {
        assertThat(root.get("/").headers().firstValue("Location")).hasValue("/setup");
        assertThat(root.get("/accounts").headers().firstValue("Location")).hasValue("/setup");
        HttpResponse<String> form = root.get("/setup");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Security-Policy")).get().asString()
                .startsWith("default-src 'self'");
        String token = jetty.setupToken();
        assertThat(token).isNotBlank();
        HttpResponse<String> wrong = root.post("/setup", Map.of("token", "guess", "username", "root",
                "password", ROOT_PW, "confirm", ROOT_PW));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("The setup token is wrong.");
        HttpResponse<String> ok = root.post("/setup", Map.of("token", token, "username", "root",
                "password", ROOT_PW, "confirm", ROOT_PW));
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location")).hasValue("/");
        assertThat(root.get("/").statusCode()).isEqualTo(200);
        // setup is closed for good
        assertThat(new Web(jetty.base()).get("/setup").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void signInRotatesTheSessionAndSetsSafeCookies() throws Exception {
        Web w = new Web(jetty.base());
        HttpResponse<String> form = w.get("/login");
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        String before = w.sessionId();
        HttpResponse<String> in = w.post("/login", Map.of("username", "root", "password", ROOT_PW));
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(w.sessionId()).isNotNull().isNotEqualTo(before);
        assertThat(w.get("/accounts").statusCode()).isEqualTo(200);
        HttpResponse<String> out = w.post("/logout", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(w.get("/accounts").headers().firstValue("Location")).get().asString().startsWith("/login");
    }

    @Test
    @Order(3)
    void postsWithoutTheTokenOrFromAnotherOriginAre403() throws Exception {
        Web w = new Web(jetty.base());
        w.signIn("root", ROOT_PW);
        HttpResponse<String> noToken = w.post("/accounts/new", account("csrf", "x", ""), false);
        assertThat(noToken.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongToken = w.post("/accounts/new", Map.of("_csrf", "forged", "name", "csrf",
                "appId", "wx1"), false);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        w.get("/accounts/new");
        HttpResponse<String> foreign = w.post("/accounts/new", account("csrf", "x", ""), true,
                "Origin", "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<String> header = w.post("/accounts/new", account("csrf", "x", ""), false,
                "X-CSRF-Token", w.csrf, "Origin", jetty.base());
        assertThat(header.statusCode()).as("htmx sends the token as a header").isEqualTo(302);
        // a login form POST without a token is refused too
        assertThat(new Web(jetty.base()).post("/login", Map.of("username", "root", "password", ROOT_PW), false)
                .statusCode()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void wrongPasswordsAreThrottledPerUserAndAddress() throws Exception {
        Web w = new Web(jetty.base());
        w.get("/login");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = w.post("/login", Map.of("username", "root", "password", "wrong-" + i));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("Wrong username or password.");
        }
        HttpResponse<String> locked = w.post("/login", Map.of("username", "root", "password", ROOT_PW));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("Too many failed attempts");
        // another username from the same address is not locked
        assertThat(w.post("/login", Map.of("username", "other", "password", "x")).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void secretsAreWriteOnlyAndCredentialsAreTestedAgainstTheApiBase() throws Exception {
        root.get("/accounts/new");
        HttpResponse<String> created = root.post("/accounts/new", account("alpha", "Alpha", "good-secret"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValue("/a/alpha/settings");
        HttpResponse<String> page = root.get("/a/alpha/settings");
        assertThat(page.body()).doesNotContain("good-secret").doesNotContain("callback-token-alpha")
                .contains("/wechat/alpha").contains(api.base());
        int before = api.tokenCalls();
        HttpResponse<String> ok = root.post("/a/alpha/settings/test", Map.of());
        assertThat(ok.body()).contains("Credentials OK").doesNotContain("TOKEN-FROM-DOUBLE");
        assertThat(api.tokenCalls()).isEqualTo(before + 1);

        // keep the secret when the field is left blank; replace it with a wrong one
        root.get("/a/alpha/settings");
        Map<String, String> edit = account("alpha", "Alpha", "");
        assertThat(root.post("/a/alpha/settings", edit).statusCode()).isEqualTo(302);
        root.get("/a/alpha/settings");
        assertThat(root.post("/a/alpha/settings/test", Map.of()).body()).contains("Credentials OK");
        edit.put("secret", "bad-secret");
        root.post("/a/alpha/settings", edit);
        root.get("/a/alpha/settings");
        HttpResponse<String> bad = root.post("/a/alpha/settings/test", Map.of());
        assertThat(bad.body()).contains("errcode 40125").contains("the app secret is wrong")
                .doesNotContain("bad-secret");
        // put the good one back for later tests
        edit.put("secret", "good-secret");
        root.get("/a/alpha/settings");
        root.post("/a/alpha/settings", edit);
    }

    @Test
    @Order(6)
    void anEditorOfAccountASees404OnBAndAViewerCannotWrite() throws Exception {
        root.get("/accounts/new");
        root.post("/accounts/new", account("beta", "Beta", "good-secret"));
        root.get("/admins");
        HttpResponse<String> created = root.post("/admins", Map.of("username", "ed", "password", "editor-pass-1",
                "confirm", "editor-pass-1"));
        assertThat(created.statusCode()).isEqualTo(302);
        String edUrl = created.headers().firstValue("Location").orElseThrow();
        root.get(edUrl);
        Map<String, String> grants = new HashMap<>(Map.of("active", "on", "g.alpha.settings", "edit",
                "g.alpha.menus", "view"));
        assertThat(root.post(edUrl, grants).statusCode()).isEqualTo(302);

        root.get("/admins");
        String viewerUrl = root.post("/admins", Map.of("username", "viewer", "password", "viewer-pass-1",
                "confirm", "viewer-pass-1")).headers().firstValue("Location").orElseThrow();
        root.get(viewerUrl);
        root.post(viewerUrl, Map.of("active", "on", "g.alpha.settings", "view"));

        Web ed = new Web(jetty.base());
        assertThat(ed.signIn("ed", "editor-pass-1").statusCode()).isEqualTo(302);
        assertThat(ed.get("/a/alpha/").statusCode()).isEqualTo(200);
        assertThat(ed.get("/a/alpha/settings").statusCode()).isEqualTo(200);
        HttpResponse<String> other = ed.get("/a/beta/settings");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("Beta");
        assertThat(ed.get("/a/beta/").statusCode()).isEqualTo(404);
        assertThat(ed.get("/a/nosuch/").statusCode()).isEqualTo(404);
        assertThat(ed.post("/a/beta/settings", account("beta", "pwned", "")).statusCode()).isEqualTo(404);
        assertThat(ed.get("/accounts").body()).contains("alpha").doesNotContain("beta");
        assertThat(ed.get("/admins").statusCode()).isEqualTo(403);
        assertThat(ed.get("/accounts/new").statusCode()).isEqualTo(403);
        assertThat(ed.get("/a/alpha/delete").statusCode()).isEqualTo(403);

        Web viewer = new Web(jetty.base());
        viewer.signIn("viewer", "viewer-pass-1");
        viewer.get("/a/alpha/settings");
        assertThat(viewer.post("/a/alpha/settings", account("alpha", "changed", "")).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/a/alpha/settings/test", Map.of()).statusCode()).isEqualTo(403);
        assertThat(root.get("/a/alpha/settings").body()).contains("value=\"Alpha\"").doesNotContain("value=\"changed\"");
    }

    @Test
    @Order(7)
    void errorsShowAMessageAndAnIdButNoInternals() throws Exception {
        HttpResponse<String> r = root.get("/no/such/page");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("Not found.").doesNotContain("Exception").doesNotContain("at org.");
        HttpResponse<String> bad = root.get("/audit?from=not-a-date");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).doesNotContain("DateTimeParseException");
        HttpResponse<String> method = root.post("/accounts", Map.of());
        assertThat(method.statusCode()).isEqualTo(405);
    }

    @Test
    @Order(8)
    void theAuditLogHasEveryWriteAndWeChatCallAndExportsCsv() throws Exception {
        HttpResponse<String> page = root.get("/audit?account=alpha");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("account.create").contains("wechat.token").contains("40125");
        HttpResponse<String> csv = root.get("/audit.csv?action=wechat.");
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,at,admin,account,action,target,result,errcode,detail");
        assertThat(lines).anyMatch(l -> l.contains(",root,alpha,wechat.token,alpha,error,40125,"));
        assertThat(lines).anyMatch(l -> l.contains(",root,alpha,wechat.token,alpha,ok,,"));
        assertThat(csv.body()).doesNotContain("good-secret").doesNotContain("bad-secret");
    }

    @Test
    @Order(9)
    void languageFollowsTheBrowserThenTheChoiceAndIsRememberedPerUser() throws Exception {
        Web w = new Web(jetty.base());
        HttpResponse<String> zh = w.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(jetty.base() + "/login")).header("Accept-Language", "zh-CN,zh;q=0.9").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(zh.body()).contains("<html lang=\"zh-CN\">").contains("登录");
        Web ed = new Web(jetty.base());
        ed.signIn("ed", "editor-pass-1");
        assertThat(ed.get("/?lang=zh-CN").body()).contains("概览");
        assertThat(ed.get("/accounts").body()).contains("公众号");
        Web again = new Web(jetty.base());
        again.signIn("ed", "editor-pass-1");
        assertThat(again.get("/").body()).as("remembered on the user").contains("<html lang=\"zh-CN\">");
        assertThat(again.get("/?lang=en").body()).contains("<html lang=\"en\">").contains("Dashboard");
    }

    @Test
    @Order(10)
    void theSameProcessAnswersWeChatOnTheCallbackUrl() throws Exception {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = "n" + System.nanoTime();
        String[] parts = {"callback-token-alpha", timestamp, nonce};
        java.util.Arrays.sort(parts);
        byte[] sha = java.security.MessageDigest.getInstance("SHA-1").digest(String.join("", parts)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String signature = java.util.HexFormat.of().formatHex(sha);
        Web wechat = new Web(jetty.base());
        HttpResponse<String> echo = wechat.get("/wechat/alpha?signature=" + signature + "&timestamp=" + timestamp
                + "&nonce=" + nonce + "&echostr=hello-wechat");
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo("hello-wechat");
        assertThat(wechat.get("/wechat/alpha?signature=bad&timestamp=" + timestamp + "&nonce=x&echostr=e")
                .statusCode()).isBetween(400, 499);
    }

    @Test
    @Order(11)
    void profileSetsLanguageZoneAndPassword() throws Exception {
        Web ed = new Web(jetty.base());
        ed.signIn("ed", "editor-pass-1");
        ed.get("/me");
        assertThat(ed.post("/me", Map.of("lang", "en", "zone", "Mars/Olympus")).statusCode()).isEqualTo(400);
        assertThat(ed.post("/me", Map.of("lang", "en", "zone", "Asia/Shanghai")).statusCode()).isEqualTo(302);
        assertThat(ed.get("/me").body()).contains("value=\"Asia/Shanghai\"").contains("<html lang=\"en\">");
        assertThat(ed.post("/me/password", Map.of("current", "wrong", "password", "editor-pass-2",
                "confirm", "editor-pass-2")).statusCode()).isEqualTo(400);
        assertThat(ed.post("/me/password", Map.of("current", "editor-pass-1", "password", "editor-pass-2",
                "confirm", "editor-pass-2")).statusCode()).isEqualTo(302);
        assertThat(new Web(jetty.base()).signIn("ed", "editor-pass-1").statusCode()).isEqualTo(401);
        assertThat(new Web(jetty.base()).signIn("ed", "editor-pass-2").statusCode()).isEqualTo(302);
    }

    @Test
    @Order(12)
    void deletingAnAccountAsksFirstAndDropsItsGrants() throws Exception {
        HttpResponse<String> confirm = root.get("/a/beta/delete");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("id=\"confirm-delete\"");
        assertThat(root.get("/a/beta/settings").statusCode()).as("a GET deletes nothing").isEqualTo(200);
        HttpResponse<String> deleted = root.post("/a/beta/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(root.get("/a/beta/settings").statusCode()).isEqualTo(404);
        assertThat(root.get("/audit?account=beta").body()).contains("account.delete");
    }

    @Test
    @Order(13)
    void theDashboardShowsTheLastMessageReceived() throws Exception {
        root.get("/a/alpha/settings");
        Map<String, String> edit = account("alpha", "Alpha", "");
        edit.put("logMessages", "on");
        assertThat(root.post("/a/alpha/settings", edit).statusCode()).isEqualTo(302);
        assertThat(alphaCard(root.get("/").body())).contains("<dd class=\"col-6\">—</dd>");
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = "m" + System.nanoTime();
        String[] parts = {"callback-token-alpha", timestamp, nonce};
        java.util.Arrays.sort(parts);
        String signature = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                .digest(String.join("", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String xml = "<xml><ToUserName><![CDATA[gh_alpha]]></ToUserName><FromUserName><![CDATA[oUser1]]>"
                + "</FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[hi]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";
        HttpResponse<String> cb = root.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                jetty.base() + "/wechat/alpha?signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce))
                .header("Content-Type", "text/xml").POST(java.net.http.HttpRequest.BodyPublishers.ofString(xml))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cb.statusCode()).isEqualTo(200);
        long deadline = System.currentTimeMillis() + 10_000;
        String dashboard = alphaCard(root.get("/").body());
        while (dashboard.contains("<dd class=\"col-6\">—</dd>") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            dashboard = alphaCard(root.get("/").body());
        }
        assertThat(dashboard).as("the message log's time is shown").doesNotContain("<dd class=\"col-6\">—</dd>")
                .containsPattern("<dd class=\"col-6\">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}</dd>");
    }

    private static String alphaCard(String page) {
        int start = page.indexOf("data-account=\"alpha\"");
        return page.substring(start, page.indexOf("</dl>", start));
    }
}
