package org.wechatmp.servlet;

import org.wechatmp.core.testing.Browser;
import org.wechatmp.core.testing.FlakyUsers;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.Signatures;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.oauth.WeChatOAuthInfo;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.web.ClientAddress;
import org.wechatmp.core.callback.CallbackListener;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.web.WebSettings;
import org.wechatmp.core.engine.InMemoryHandlerRepository;

/**
 * The servlet adapter over real HTTP in a real container, acting as the WeChat server with the core signing helper
 * and with WireMock as the WeChat API. Each container runs the same contract.
 */
abstract class ServletAdapterContract {
    static final String TOKEN = "servlet-token";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";

    /** The site: the test's Host is allowed, and the test client (loopback) is a trusted proxy. */
    static final WebSettings WEB = WebSettings.defaults().withAllowedHosts("127.0.0.1").withTrustedProxies(
            "127.0.0.1");
    static final java.util.regex.Pattern ERROR_ID = java.util.regex.Pattern.compile(".{1,60} \\(error [A-Za-z0-9]{10}\\)");

    WireMockServer wm;
    WeChatRuntime runtime;
    int port;
    Browser browser;
    OkHttpClient http;
    final FlakyUsers users = new FlakyUsers();
    /** The client addresses the callback pipeline saw, as its listeners see them. */
    final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Starts the container on a free loopback port with the initializer; returns the port. */
    abstract int start(ServletContainerInitializer initializer) throws Exception;

    abstract void stop() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"AT\",\"expires_in\":7200}")));
        InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
        for (EncryptMode mode : EncryptMode.values()) {
            Account a = new Account(mode.name().toLowerCase(), "t", Account.Type.SERVICE, APP_ID, "secret", TOKEN,
                    mode == EncryptMode.PLAIN ? "" : AES, mode, false, false, Map.of("api_base", wm.baseUrl()));
            accounts.put(a);
        }
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        for (String a : List.of("plain", "compatible", "safe")) {
            handlers.save(a, Handler.builder("hello").rule(Rule.contains("hello")).reply(HandlerReply.text("你好 " + a))
                    .build());
        }
        runtime = WeChatRuntime.builder(accounts).handlers(handlers).users(users)
                .callback(cb -> cb.listener(new CallbackListener() {
                    @Override
                    public void received(MessageContext context) {
                        seen.add((String) context.attributes().get(ClientAddress.ATTRIBUTE));
                    }
                })).build();
        port = start((classes, ctx) -> {
            WeChatServlets.register(ctx, runtime, WEB); // trusts loopback, where the tests connect from
            var untrusting = ctx.addServlet("untrusting-callback", new WeChatCallbackServlet(runtime)); // defaults
            untrusting.setAsyncSupported(true);
            untrusting.addMapping("/untrusting/*");
            WeChatServlets.protect(ctx, runtime, OAuthConfig.of("plain", OAuthScope.USERINFO).web(WEB), "/me/*");
            WeChatServlets.protect(ctx, runtime, OAuthConfig.of("plain", OAuthScope.BASE).web(WEB).onUnauthenticated(
                    (req, resp, url) -> {
                        resp.setStatus(401);
                        resp.setContentType("text/plain;charset=UTF-8");
                        resp.getWriter().write("open this page in WeChat: " + url);
                    }), "/soft/*");
            ctx.addServlet("me", new WhoAmI()).addMapping("/me/*", "/soft/*");
            ctx.addServlet("session", new MakeSession()).addMapping("/session");
        });
        browser = new Browser();
        http = browser.http;
    }

    @AfterEach
    void tearDown() throws Exception {
        stop();
        runtime.close();
        wm.stop();
    }

    /** Prints who the OAuth filter says the user is. */
    static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            WeChatOAuthInfo info = (WeChatOAuthInfo) req.getAttribute(WeChatOAuthInfo.ATTRIBUTE);
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write(info.openid() + " " + info.user().nickname() + " " + info.scope().value()
                    + (req.getParameter("addr") != null ? " " + req.getAttribute(ClientAddress.ATTRIBUTE) : ""));
        }
    }

    /** Starts a session before sign-in (as any application page may). */
    static final class MakeSession extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getSession(true).setAttribute("cart", "3 items");
            resp.getWriter().write("ok");
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    Response call(String method, String path, SignedCallback req) throws IOException {
        Request.Builder b = new Request.Builder().url(url(path) + "?" + req.queryString());
        b.method(method, "POST".equals(method) ? RequestBody.create(req.body().getBytes(StandardCharsets.UTF_8),
                MediaType.get("text/xml")) : null);
        return http.newCall(b.build()).execute();
    }

    static String text(String content, long id) {
        return "<xml><ToUserName><![CDATA[gh_a]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>"
                + "<CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[text]]>"
                + "</MsgType><Content><![CDATA[" + content + "]]></Content><MsgId>" + id + "</MsgId></xml>";
    }

    /** Posts a signed "hello" to the plain account with an X-Forwarded-For header; 200 expected. */
    void postForwarded(String path, long msgId, String forwardedFor) throws IOException {
        SignedCallback req = CallbackSigner.plain(TOKEN).message(text("hello", msgId));
        try (Response r = http.newCall(new Request.Builder().url(url(path) + "?" + req.queryString())
                .header("X-Forwarded-For", forwardedFor).post(RequestBody.create(req.body().getBytes(
                        StandardCharsets.UTF_8), MediaType.get("text/xml"))).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
    }

    @Test
    void theCallbackBelievesXForwardedForOnlyFromATrustedProxy() throws IOException {
        // registered with settings that trust loopback: the header is honoured
        postForwarded("/wechat/plain", 901, "203.0.113.7");
        assertThat(seen).containsExactly("203.0.113.7");
        // the servlet with its defaults (no trusted proxy): the header is ignored, the TCP peer counts
        postForwarded("/untrusting/plain", 902, "203.0.113.7");
        assertThat(seen).containsExactly("203.0.113.7", "127.0.0.1");
    }

    @Test
    void handshakeEchoesWithAndWithoutTrailingSlash() throws IOException {
        for (String path : List.of("/wechat/safe", "/wechat/safe/")) {
            try (Response r = call("GET", path, CallbackSigner.plain(TOKEN).handshake("echo-" + path.length()))) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).isEqualTo("echo-" + path.length());
                assertThat(r.header("Content-Type")).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
            }
        }
    }

    @Test
    void plainCompatibleAndSafeCallbacks() throws IOException {
        long id = 1;
        for (EncryptMode mode : EncryptMode.values()) {
            CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, mode);
            String account = mode.name().toLowerCase();
            try (Response r = call("POST", "/wechat/" + account, wechat.message(text("hello", id++)))) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.header("Content-Type")).containsIgnoringCase("xml").containsIgnoringCase("utf-8");
                String reply = wechat.readReply(r.body().string());
                assertThat(MessageParser.defaults().parseFields(reply).text("Content")).isEqualTo("你好 " + account);
            }
        }
    }

    @Test
    void badInputGetsShort4xx() throws IOException {
        SignedCallback good = CallbackSigner.plain(TOKEN).message(text("hello", 10));
        Request bad = new Request.Builder().url(url("/wechat/plain") + "?" + good.queryString().replaceAll(
                "signature=[0-9a-f]+", "signature=" + "0".repeat(40))).post(RequestBody.create(good.body(),
                MediaType.get("text/xml"))).build();
        try (Response r = http.newCall(bad).execute()) {
            assertThat(r.code()).isEqualTo(403);
            assertThat(r.body().string()).isEqualTo("invalid signature");
        }
        try (Response r = call("POST", "/wechat/nobody", good)) {
            assertThat(r.code()).isEqualTo(404);
        }
        SignedCallback small = CallbackSigner.plain(TOKEN).message(text("x", 11));
        SignedCallback huge = new SignedCallback(small.query(), text("x".repeat(300_000), 11));
        try (Response r = call("POST", "/wechat/plain", huge)) {
            assertThat(r.code()).isEqualTo(413);
        }
        try (Response r = call("POST", "/wechat/safe", CallbackSigner.plain(TOKEN).message(text("hello", 12)))) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).doesNotContain("Exception");
        }
    }

    void stubOAuth(String code) {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"WEB\",\"expires_in\":7200,\"refresh_token\":\"R\",\"openid\":\"oWebUser\","
                        + "\"scope\":\"snsapi_userinfo\"}")));
        wm.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(okJson(
                "{\"openid\":\"oWebUser\",\"nickname\":\"小明\",\"sex\":1,\"headimgurl\":\"http://h\"}")));
    }

    /** Follows the filter's redirect to WeChat, plays WeChat's return, and comes back with a session. */
    String login(String path, String code) throws IOException {
        String location;
        try (Response r = http.newCall(new Request.Builder().url(url(path)).build()).execute()) {
            assertThat(r.code()).isEqualTo(302);
            location = r.header("Location");
        }
        assertThat(location).startsWith("https://open.weixin.qq.com/connect/oauth2/authorize?appid=" + APP_ID);
        HttpUrl authorize = HttpUrl.get(location.substring(0, location.indexOf('#')));
        String redirect = URLDecoder.decode(authorize.queryParameter("redirect_uri"), StandardCharsets.UTF_8);
        assertThat(authorize.queryParameter("scope")).isEqualTo("snsapi_userinfo");
        String state = authorize.queryParameter("state");
        String back = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code + "&state=" + state;
        try (Response r = http.newCall(new Request.Builder().url(back).build()).execute()) {
            assertThat(r.code()).isEqualTo(302);
            return r.header("Location");
        }
    }

    @Test
    void oauthRedirectCodeAndUserFlow() throws IOException {
        stubOAuth("CODE1");
        String back = login("/me/profile?tab=1", "CODE1");
        assertThat(back).endsWith("/me/profile?tab=1");
        try (Response r = http.newCall(new Request.Builder().url(url("/me/profile?tab=1")).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).isEqualTo("oWebUser 小明 snsapi_userinfo");
        }
        assertThat(runtime.users().find("plain", "oWebUser")).hasValueSatisfying(u ->
                assertThat(u.nickname()).isEqualTo("小明"));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }

    @Test
    void aForgedStateIsRefused() throws IOException {
        stubOAuth("CODE2");
        String forged = url("/me/x?code=CODE2&state=" + "eyJhIjoxfQ.AAAA");
        try (Response r = http.newCall(new Request.Builder().url(forged).build()).execute()) {
            assertThat(r.code()).isEqualTo(400);
        }
        wm.verify(0, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }

    @Test
    void theUnauthenticatedHandlerAnswersInsteadOfRedirecting() throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(url("/soft/page")).build()).execute()) {
            assertThat(r.code()).isEqualTo(401);
            assertThat(r.body().string()).startsWith("open this page in WeChat: https://open.weixin.qq.com/");
        }
    }

    @Test
    void materialProxyNeedsPermission() throws IOException {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/get_material")).willReturn(aResponse()
                .withHeader("Content-Type", "image/png").withBody(new byte[] {(byte) 0x89, 'P', 'N', 'G'})));
        try (Response r = http.newCall(new Request.Builder().url(url("/wechat-material/plain/MEDIA")).build())
                .execute()) {
            assertThat(r.code()).isEqualTo(403);
        }
        stubOAuth("CODE3");
        login("/me/x", "CODE3");
        try (Response r = http.newCall(new Request.Builder().url(url("/wechat-material/plain/MEDIA")).build())
                .execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("image/png");
            assertThat(r.body().bytes()).containsExactly((byte) 0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void jsSdkScriptSignsThePage() throws IOException {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(okJson(
                "{\"errcode\":0,\"ticket\":\"TICKET\",\"expires_in\":7200}")));
        String page = "http://example.com/page?x=1";
        try (Response r = http.newCall(new Request.Builder().url(url("/wechat-jssdk/plain/config.js?apis=chooseImage"
                + "&url=" + java.net.URLEncoder.encode(page, StandardCharsets.UTF_8))).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).containsIgnoringCase("javascript");
            String js = r.body().string();
            assertThat(js).startsWith("wx.config({").contains("\"appId\":\"" + APP_ID + "\"")
                    .contains("\"jsApiList\":[\"chooseImage\"]");
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(js.substring(10,
                    js.lastIndexOf(')')));
            assertThat(json.path("signature").asText()).isEqualTo(Signatures.jsapiSignature("TICKET",
                    json.path("nonceStr").asText(), json.path("timestamp").asLong(), page));
        }
    }

    // ---- sign-in hardening: the same contract as JaxrsAdapterContract ----

    /** Opens a protected page in a browser and returns the authorize URL the filter redirected to. */
    HttpUrl startSignIn(Browser b, String path) throws IOException {
        try (Response r = b.get(url(path))) {
            assertThat(r.code()).isEqualTo(302);
            String location = r.header("Location");
            return HttpUrl.get(location.substring(0, location.indexOf('#')));
        }
    }

    static String back(HttpUrl authorize, String code) {
        String redirect = URLDecoder.decode(authorize.queryParameter("redirect_uri"), StandardCharsets.UTF_8);
        return redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code + "&state="
                + authorize.queryParameter("state");
    }

    void assertSignedOut(Browser b) throws IOException {
        try (Response r = b.get(url("/me/x"))) {
            assertThat(r.code()).isEqualTo(302);
            assertThat(r.header("Location")).startsWith("https://open.weixin.qq.com/");
        }
    }

    @Test
    void anAttackersCodeAndStateDoNotSignInAnotherBrowser() throws IOException {
        stubOAuth("ATTACKER");
        Browser attacker = new Browser();
        String link = back(startSignIn(attacker, "/me/x"), "ATTACKER"); // never followed by the attacker
        Browser victim = new Browser();
        try (Response r = victim.get(link)) {
            assertThat(r.code()).isEqualTo(403);
            assertThat(r.body().string()).matches(ERROR_ID).startsWith("sign-in was started in another browser");
            assertThat(r.headers("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        }
        assertSignedOut(victim);
        wm.verify(0, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
        // the attacker's own browser still completes
        try (Response r = attacker.get(link)) {
            assertThat(r.code()).isEqualTo(302);
        }
    }

    @Test
    void aUsedCodeFromAnotherBrowserDoesNotSignIn() throws IOException {
        stubOAuth("USED");
        Browser a = new Browser();
        try (Response r = a.get(back(startSignIn(a, "/me/x"), "USED"))) {
            assertThat(r.code()).isEqualTo(302);
        }
        // WeChat refuses a code the second time
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"errcode\":40163,\"errmsg\":\"code been used\"}")));
        Browser b = new Browser();
        try (Response r = b.get(back(startSignIn(b, "/me/x"), "USED"))) {
            assertThat(r.code()).isEqualTo(403);
            assertThat(r.body().string()).matches(ERROR_ID).doesNotContain("40163");
        }
        assertSignedOut(b);
        wm.verify(2, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }

    @Test
    void aDoubleRedirectInOneBrowserExchangesOnceAndSignsIn() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"WEB\",\"expires_in\":7200,\"openid\":\"oTwice\",\"scope\":\"snsapi_userinfo\"}")
                .withFixedDelay(300)));
        wm.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(okJson("{\"openid\":\"oTwice\",\"nickname\":\"n\"}")));
        Browser a = new Browser();
        String link = back(startSignIn(a, "/me/twice"), "TWICE");
        String cookies = a.cookieHeader(); // both requests leave before either answer arrives
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<String>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(pool.submit(() -> {
                    try (Response r = new OkHttpClient.Builder().followRedirects(false).build().newCall(
                            new Request.Builder().url(link).header("Cookie", cookies).build()).execute()) {
                        return r.code() + " " + r.header("Location") + " " + r.headers("Set-Cookie").stream()
                                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElse("").split(";")[0];
                    }
                }));
            }
            for (java.util.concurrent.Future<String> f : both) {
                String[] r = f.get().split(" ");
                assertThat(r[0]).isEqualTo("302");
                assertThat(r[1]).endsWith("/me/twice");
                Browser after = new Browser();
                try (Response page = after.get(url("/me/twice"), "Cookie", r[2])) {
                    assertThat(page.code()).isEqualTo(200);
                    assertThat(page.body().string()).startsWith("oTwice ");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }

    @Test
    void signInRotatesTheSessionIdAndHardensCookies() throws IOException {
        stubOAuth("ROTATE");
        try (Response r = browser.get(url("/session"))) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Set-Cookie")).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        }
        String before = browser.cookie("JSESSIONID");
        assertThat(before).isNotNull();
        HttpUrl authorize;
        try (Response r = browser.get(url("/me/x"))) {
            assertThat(r.code()).isEqualTo(302);
            String binding = r.headers("Set-Cookie").stream().filter(c -> c.startsWith("wechat_oauth_binding="))
                    .findFirst().orElseThrow();
            assertThat(binding).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
            authorize = HttpUrl.get(r.header("Location").substring(0, r.header("Location").indexOf('#')));
        }
        try (Response r = browser.get(back(authorize, "ROTATE"))) {
            assertThat(r.code()).isEqualTo(302);
            String session = r.headers("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                    .findFirst().orElseThrow();
            assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        }
        String after = browser.cookie("JSESSIONID");
        assertThat(after).isNotEqualTo(before);
        try (Response r = browser.get(url("/me/x"))) {
            assertThat(r.code()).isEqualTo(200);
        }
        // the old id (fixed by an attacker before sign-in) is not signed in
        assertSignedOut(new Browser().with("JSESSIONID", before));
        // behind a trusted proxy that terminated TLS: Secure cookies and an https redirect_uri
        Browser tls = new Browser();
        try (Response r = tls.get(url("/me/x"), "X-Forwarded-Proto", "https")) {
            assertThat(r.headers("Set-Cookie")).anyMatch(c -> c.startsWith("wechat_oauth_binding=")
                    && c.contains("; Secure"));
            assertThat(HttpUrl.get(r.header("Location").substring(0, r.header("Location").indexOf('#')))
                    .queryParameter("redirect_uri")).startsWith("https://127.0.0.1:" + port + "/me/x");
        }
    }

    @Test
    void sessionIdsInUrlsAreNotAccepted() throws IOException {
        stubOAuth("URLID");
        login("/me/x", "URLID");
        String id = browser.cookie("JSESSIONID");
        try (Response r = browser.get(url("/me/x"))) {
            assertThat(r.code()).isEqualTo(200);
        }
        Browser other = new Browser();
        try (Response r = other.get(url("/me/x;jsessionid=" + id))) {
            assertThat(r.code()).isIn(302, 400);
            assertThat(r.body().string()).doesNotContain("oWebUser");
        }
    }

    @Test
    void aForgedHostIsRefused() throws IOException {
        try (Response r = browser.get(url("/me/x"), "Host", "evil.example")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.header("Location")).isNull();
            assertThat(r.body().string()).startsWith(WebSettings.HOST_REFUSED);
        }
        wm.verify(0, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }

    @Test
    void aFailingUserStoreAnswersAShortErrorWithAnId() throws IOException {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"WEB\",\"expires_in\":7200,\"openid\":\"oLong\",\"scope\":\"snsapi_userinfo\"}")));
        wm.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(okJson(
                "{\"openid\":\"oLong\",\"nickname\":\"" + "长".repeat(300) + "\"}")));
        users.failing = true;
        try (Response r = browser.get(back(startSignIn(browser, "/me/x"), "LONG"))) {
            assertThat(r.code()).isEqualTo(500);
            String body = r.body().string();
            assertThat(body).matches(ERROR_ID).startsWith("sign-in failed");
            assertThat(body).doesNotContain("INSERT").doesNotContain("Exception").doesNotContain("at org.")
                    .doesNotContain("varying");
        }
        assertSignedOut(browser);
    }

    @Test
    void aSignInRecordIsNotAState() throws IOException {
        stubOAuth("REC");
        login("/me/x", "REC");
        String record = runtime.oauth().sessionToken(new WeChatOAuthInfo("plain", "oWebUser",
                runtime.users().find("plain", "oWebUser").orElseThrow(), OAuthScope.USERINFO, "/"));
        Browser b = new Browser();
        try (Response r = b.get(url("/me/x?code=X&state=" + record))) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).matches(ERROR_ID);
        }
        for (String garbage : List.of("", ".", "a.b.c", "%00", "x".repeat(500))) {
            try (Response r = new Browser().get(url("/me/x?code=X&state=" + garbage))) {
                assertThat(r.code()).as(garbage).isBetween(400, 499);
            }
        }
    }

    @Test
    void theClientAddressFollowsTrustedProxiesOnly() throws IOException {
        stubOAuth("ADDR");
        login("/me/x", "ADDR");
        try (Response r = browser.get(url("/me/x?addr=1"), "X-Forwarded-For", "198.51.100.1, 203.0.113.9")) {
            assertThat(r.body().string()).endsWith(" 203.0.113.9");
        }
        try (Response r = browser.get(url("/me/x?addr=1"), "X-Forwarded-For", "nonsense, 127.0.0.1")) {
            assertThat(r.body().string()).endsWith(" 127.0.0.1");
        }
        try (Response r = browser.get(url("/me/x?addr=1"))) {
            assertThat(r.body().string()).endsWith(" 127.0.0.1");
        }
    }

    @Test
    void jsSdkReadsItsInputsByTheCoreRules() throws IOException {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(okJson(
                "{\"errcode\":0,\"ticket\":\"TICKET\",\"expires_in\":7200}")));
        for (Map.Entry<String, String> c : JSSDK_CASES.entrySet()) {
            try (Response r = browser.get(url("/wechat-jssdk/plain/config.js?" + c.getKey()), "Referer",
                    "https://example.com/from-referer")) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(withoutNonceAndTime(r.body().string())).as(c.getKey()).isEqualTo(c.getValue());
            }
        }
    }

    @Test
    void jsSdkFailureIsAShortErrorWithAnId() throws IOException {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(okJson(
                "{\"errcode\":48001,\"errmsg\":\"api unauthorized\"}")));
        try (Response r = browser.get(url("/wechat-jssdk/compatible/config.js?url=https%3A%2F%2Fx.example%2F"))) {
            assertThat(r.code()).isEqualTo(502);
            assertThat(r.body().string()).matches(ERROR_ID).startsWith("JS-SDK ticket unavailable")
                    .doesNotContain("48001");
        }
    }

    /** Query → the script without its nonce, time and signature; the JAX-RS contract has the same table. */
    static final Map<String, String> JSSDK_CASES = Map.of(
            "apis=chooseImage,%20previewImage,bad-name!&debug=1&url=https%3A%2F%2Fexample.com%2Fp%3Fa%3D1%23frag",
            "{\"debug\":true,\"appId\":\"" + APP_ID + "\",\"jsApiList\":[\"chooseImage\",\"previewImage\"]}",
            "apis=chooseImage&debug=TRUE",
            "{\"debug\":true,\"appId\":\"" + APP_ID + "\",\"jsApiList\":[\"chooseImage\"]}",
            "apis=&debug=no&url=http%3A%2F%2Fexample.com%2F",
            "{\"debug\":false,\"appId\":\"" + APP_ID + "\",\"jsApiList\":[]}");

    static String withoutNonceAndTime(String js) throws IOException {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(js.substring(js.indexOf('(') + 1, js.lastIndexOf(')')));
        json.remove(List.of("timestamp", "nonceStr", "signature"));
        return json.toString();
    }

    @Test
    void materialProxyRetriesTokenErrorsRedirectsVideosAndNames404And502() throws IOException {
        everyoneMayReadMaterials();
        String get = "/cgi-bin/material/get_material";
        // a stale token: refreshed and retried by the client, then served
        wm.stubFor(post(urlPathEqualTo(get)).inScenario("token").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willReturn(okJson(
                "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}")).willSetStateTo("fresh"));
        wm.stubFor(post(urlPathEqualTo(get)).inScenario("token").whenScenarioStateIs("fresh").willReturn(aResponse()
                .withHeader("Content-Type", "image/png").withBody(new byte[] {1, 2, 3})));
        try (Response r = browser.get(url("/wechat-material/plain/IMG"))) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().bytes()).containsExactly(1, 2, 3);
        }
        // a token error that survives the retry is an upstream failure, not "not found"
        wm.resetScenarios();
        wm.stubFor(post(urlPathEqualTo(get)).inScenario("token").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willReturn(okJson(
                "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}")));
        try (Response r = browser.get(url("/wechat-material/plain/IMG"))) {
            assertThat(r.code()).isEqualTo(502);
            assertThat(r.body().string()).matches(ERROR_ID).startsWith("material unavailable");
        }
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"AT\",\"expires_in\":7200}")));
        wm.stubFor(post(urlPathEqualTo(get)).willReturn(okJson("{\"errcode\":40007,\"errmsg\":\"invalid media_id\"}")));
        try (Response r = browser.get(url("/wechat-material/plain/NOPE"))) {
            assertThat(r.code()).isEqualTo(404);
        }
        wm.stubFor(post(urlPathEqualTo(get)).willReturn(okJson(
                "{\"title\":\"t\",\"description\":\"d\",\"down_url\":\"https://mp.example/video.mp4\"}")));
        try (Response r = browser.get(url("/wechat-material/plain/VIDEO"))) {
            assertThat(r.code()).isEqualTo(302);
            assertThat(r.header("Location")).isEqualTo("https://mp.example/video.mp4");
        }
        wm.stubFor(post(urlPathEqualTo(get)).willReturn(aResponse().withStatus(503).withBody("busy")));
        try (Response r = browser.get(url("/wechat-material/plain/DOWN"))) {
            assertThat(r.code()).isEqualTo(502);
            assertThat(r.body().string()).matches(ERROR_ID);
        }
    }

    /** The material proxy of this contract needs a signed-in user; sign one in. */
    void everyoneMayReadMaterials() throws IOException {
        stubOAuth("MAT");
        login("/me/x", "MAT");
    }
}
