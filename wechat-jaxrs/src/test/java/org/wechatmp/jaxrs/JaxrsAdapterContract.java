package org.wechatmp.jaxrs;

import org.wechatmp.core.testing.Browser;
import org.wechatmp.core.testing.FlakyUsers;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.Signatures;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.web.WebSettings;
import org.wechatmp.core.callback.CallbackListener;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.web.ClientAddress;

/** The JAX-RS adapter over real HTTP, in Jetty 12 under each JAX-RS implementation. */
abstract class JaxrsAdapterContract {
    static final String TOKEN = "jaxrs-token";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";

    /** The site: the test's Host is allowed, and the test client (loopback) is a trusted proxy. */
    static final WebSettings WEB = WebSettings.defaults().withAllowedHosts("127.0.0.1").withTrustedProxies(
            "127.0.0.1");
    static final java.util.regex.Pattern ERROR_ID = java.util.regex.Pattern.compile(".{1,60} \\(error [A-Za-z0-9]{10}\\)");

    WireMockServer wm;
    final FlakyUsers users = new FlakyUsers();
    final Browser browser = new Browser();
    WeChatRuntime runtime;
    Server server;
    int port;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** The client addresses the callback pipeline saw, as its listeners see them. */
    final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Server> extraServers = new java.util.ArrayList<>();

    /** Adds the JAX-RS implementation, serving these singletons, to the context at {@code /*}. */
    abstract void mount(ServletContextHandler context, List<Object> singletons);

    @BeforeEach
    void setUp() throws Exception {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"AT\",\"expires_in\":7200}")));
        InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        for (EncryptMode mode : EncryptMode.values()) {
            String name = mode.name().toLowerCase();
            accounts.put(new Account(name, "t", Account.Type.SERVICE, APP_ID, "secret", TOKEN,
                    mode == EncryptMode.PLAIN ? "" : AES, mode, false, false, Map.of("api_base", wm.baseUrl())));
            handlers.save(name, Handler.builder("hello").rule(Rule.contains("hello"))
                    .reply(HandlerReply.text("你好 " + name)).build());
        }
        runtime = WeChatRuntime.builder(accounts).handlers(handlers).users(users)
                .callback(cb -> cb.listener(new CallbackListener() {
                    @Override
                    public void received(MessageContext context) {
                        seen.add((String) context.attributes().get(ClientAddress.ATTRIBUTE));
                    }
                })).build();
        server = start(resources(runtime));
        port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** A Jetty server on an ephemeral loopback port serving these singletons. */
    Server start(List<Object> singletons) throws Exception {
        Server s = new Server();
        ServerConnector connector = new ServerConnector(s);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        s.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        mount(context, singletons);
        s.setHandler(context);
        s.start();
        return s;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Server s : extraServers) {
            s.stop();
        }
        server.stop();
        runtime.close();
        wm.stop();
    }

    HttpResponse<String> send(String method, String path, SignedCallback req) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "?"
                + req.queryString())).header("Content-Type", "text/xml");
        b.method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString(req.body())
                : HttpRequest.BodyPublishers.noBody());
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> fetch(String url, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url
                : "http://127.0.0.1:" + port + url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String text(String content, long id) {
        return "<xml><ToUserName>gh</ToUserName><FromUserName>oU</FromUserName><CreateTime>"
                + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>text</MsgType><Content><![CDATA["
                + content + "]]></Content><MsgId>" + id + "</MsgId></xml>";
    }

    @Test
    void handshake() throws Exception {
        HttpResponse<String> r = send("GET", "/wechat/safe", CallbackSigner.plain(TOKEN).handshake("echo-9"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("echo-9");
    }

    @Test
    void plainCompatibleAndSafeCallbacks() throws Exception {
        long id = 1;
        for (EncryptMode mode : EncryptMode.values()) {
            CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, mode);
            String name = mode.name().toLowerCase();
            HttpResponse<String> r = send("POST", "/wechat/" + name, wechat.message(text("hello", id++)));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).containsIgnoringCase("xml");
            assertThat(MessageParser.defaults().parseFields(wechat.readReply(r.body())).text("Content"))
                    .isEqualTo("你好 " + name);
        }
    }

    @Test
    void aBadSignatureIs403AndAnUnknownAccount404() throws Exception {
        SignedCallback good = CallbackSigner.plain(TOKEN).message(text("hello", 5));
        java.util.Map<String, String> q = new java.util.HashMap<>(good.query());
        q.put("signature", "0".repeat(40));
        HttpResponse<String> r = send("POST", "/wechat/plain", new SignedCallback(q, good.body()));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("invalid signature");
        assertThat(send("POST", "/wechat/nobody", good).statusCode()).isEqualTo(404);
    }

    @Test
    void oauthRedirectCodeAndUser() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"WEB\",\"expires_in\":7200,\"refresh_token\":\"R\",\"openid\":\"oJax\","
                        + "\"scope\":\"snsapi_userinfo\"}")));
        wm.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(okJson(
                "{\"openid\":\"oJax\",\"nickname\":\"小红\",\"sex\":2}")));
        HttpResponse<String> first = fetch("/me?x=1", null);
        assertThat(first.statusCode()).isEqualTo(302);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("https://open.weixin.qq.com/connect/oauth2/authorize?appid=" + APP_ID);
        String query = location.substring(location.indexOf('?') + 1, location.indexOf('#'));
        Map<String, String> params = new java.util.HashMap<>();
        for (String p : query.split("&")) {
            params.put(p.substring(0, p.indexOf('=')), URLDecoder.decode(p.substring(p.indexOf('=') + 1),
                    StandardCharsets.UTF_8));
        }
        assertThat(params.get("scope")).isEqualTo("snsapi_userinfo");
        String back = params.get("redirect_uri") + "&code=C1&state=" + params.get("state");
        HttpResponse<String> bound = fetch(back, first.headers().firstValue("Set-Cookie").orElseThrow()
                .split(";")[0]);
        HttpResponse<String> returned = bound;
        assertThat(returned.statusCode()).isEqualTo(302);
        assertThat(returned.headers().firstValue("Location").orElseThrow()).endsWith("/me?x=1");
        String cookie = returned.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(
                "wechat_oauth_plain=")).findFirst().orElseThrow().split(";")[0];
        HttpResponse<String> page = fetch("/me?x=1", cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("oJax 小红 snsapi_userinfo");
        // a forged header cannot sign anyone in
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/me"))
                .header(WeChatFeature.OAUTH_HEADER, "x.y").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(302);
        // a forged state is refused
        assertThat(fetch("/me?code=C2&state=eyJ4Ijox.AAAA", null).statusCode()).isEqualTo(400);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }

    /**
     * Posts a signed "hello" to the plain account with an X-Forwarded-For header (and a forged peer header, which
     * must count for nothing); 200 expected.
     */
    void postForwarded(int toPort, long msgId, String forwardedFor) throws Exception {
        SignedCallback req = CallbackSigner.plain(TOKEN).message(text("hello", msgId));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + toPort
                + "/wechat/plain?" + req.queryString())).header("Content-Type", "text/xml")
                .header("X-Forwarded-For", forwardedFor).header(RemoteAddressFilter.PEER_HEADER, "10.9.9.9")
                .POST(HttpRequest.BodyPublishers.ofString(req.body()))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void theCallbackBelievesXForwardedForOnlyFromATrustedProxy() throws Exception {
        // the contract's settings trust loopback, where this test connects from: the header is honoured
        postForwarded(port, 901, "203.0.113.7");
        assertThat(seen).containsExactly("203.0.113.7");
        // the same runtime served with the default settings (no trusted proxy): the header is ignored
        Server untrusting = start(new java.util.ArrayList<>(WeChatFeature.singletons(runtime)));
        extraServers.add(untrusting);
        postForwarded(((ServerConnector) untrusting.getConnectors()[0]).getLocalPort(), 902, "203.0.113.7");
        assertThat(seen).containsExactly("203.0.113.7", "127.0.0.1");
    }

    @Test
    void jsSdkScript() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(okJson(
                "{\"errcode\":0,\"ticket\":\"TICKET\",\"expires_in\":7200}")));
        String page = "http://example.com/p";
        HttpResponse<String> r = fetch("/wechat-jssdk/plain/config.js?apis=chooseImage&url="
                + java.net.URLEncoder.encode(page, StandardCharsets.UTF_8), null);
        assertThat(r.statusCode()).isEqualTo(200);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body().substring(10,
                r.body().lastIndexOf(')')));
        assertThat(json.path("signature").asText()).isEqualTo(Signatures.jsapiSignature("TICKET",
                json.path("nonceStr").asText(), json.path("timestamp").asLong(), page));
        assertThat(json.path("jsApiList").toString()).isEqualTo("[\"chooseImage\"]");
    }

    static List<Object> resources(WeChatRuntime runtime) {
        List<Object> all = new java.util.ArrayList<>(WeChatFeature.singletons(runtime, WEB));
        all.add(new MeResource());
        return all;
    }

    // ---- sign-in hardening: the same contract as ServletAdapterContract ----

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void stubOAuth(String openid) {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"WEB\",\"expires_in\":7200,\"refresh_token\":\"R\",\"openid\":\"" + openid
                        + "\",\"scope\":\"snsapi_userinfo\"}")));
        wm.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(okJson(
                "{\"openid\":\"" + openid + "\",\"nickname\":\"小红\",\"sex\":2}")));
    }

    okhttp3.HttpUrl startSignIn(Browser b, String path) throws IOException {
        try (okhttp3.Response r = b.get(url(path))) {
            assertThat(r.code()).isEqualTo(302);
            String location = r.header("Location");
            return okhttp3.HttpUrl.get(location.substring(0, location.indexOf('#')));
        }
    }

    static String back(okhttp3.HttpUrl authorize, String code) {
        String redirect = URLDecoder.decode(authorize.queryParameter("redirect_uri"), StandardCharsets.UTF_8);
        return redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code + "&state="
                + authorize.queryParameter("state");
    }

    void login(Browser b, String code) throws IOException {
        try (okhttp3.Response r = b.get(back(startSignIn(b, "/me"), code))) {
            assertThat(r.code()).isEqualTo(302);
        }
    }

    void assertSignedOut(Browser b) throws IOException {
        try (okhttp3.Response r = b.get(url("/me"))) {
            assertThat(r.code()).isEqualTo(302);
            assertThat(r.header("Location")).startsWith("https://open.weixin.qq.com/");
        }
    }

    @Test
    void anAttackersCodeAndStateDoNotSignInAnotherBrowser() throws IOException {
        stubOAuth("oAttacker");
        Browser attacker = new Browser();
        String link = back(startSignIn(attacker, "/me"), "ATTACKER");
        Browser victim = new Browser();
        try (okhttp3.Response r = victim.get(link)) {
            assertThat(r.code()).isEqualTo(403);
            assertThat(r.body().string()).matches(ERROR_ID).startsWith("sign-in was started in another browser");
            assertThat(r.headers("Set-Cookie")).noneMatch(c -> c.startsWith("wechat_oauth_plain="));
        }
        assertSignedOut(victim);
        wm.verify(0, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
        try (okhttp3.Response r = attacker.get(link)) {
            assertThat(r.code()).isEqualTo(302);
        }
    }

    @Test
    void aUsedCodeFromAnotherBrowserDoesNotSignIn() throws IOException {
        stubOAuth("oFirst");
        login(new Browser(), "USED");
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"errcode\":40163,\"errmsg\":\"code been used\"}")));
        Browser b = new Browser();
        try (okhttp3.Response r = b.get(back(startSignIn(b, "/me"), "USED"))) {
            assertThat(r.code()).isEqualTo(403);
            assertThat(r.body().string()).matches(ERROR_ID).doesNotContain("40163");
        }
        assertSignedOut(b);
        wm.verify(2, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }

    @Test
    void aDoubleRedirectInOneBrowserExchangesOnceAndSignsIn() throws Exception {
        stubOAuth("oTwice");
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"WEB\",\"expires_in\":7200,\"openid\":\"oTwice\",\"scope\":\"snsapi_userinfo\"}")
                .withFixedDelay(300)));
        Browser a = new Browser();
        String link = back(startSignIn(a, "/me"), "TWICE");
        String cookies = a.cookieHeader();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<okhttp3.Headers>> both = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(pool.submit(() -> {
                    try (okhttp3.Response r = new okhttp3.OkHttpClient.Builder().followRedirects(false).build()
                            .newCall(new okhttp3.Request.Builder().url(link).header("Cookie", cookies).build())
                            .execute()) {
                        assertThat(r.code()).isEqualTo(302);
                        return r.headers();
                    }
                }));
            }
            for (java.util.concurrent.Future<okhttp3.Headers> f : both) {
                okhttp3.Headers h = f.get();
                assertThat(h.get("Location")).matches("(http://127\\.0\\.0\\.1:" + port + ")?/me");
                String signIn = h.values("Set-Cookie").stream().filter(c -> c.startsWith("wechat_oauth_plain="))
                        .findFirst().orElseThrow().split(";")[0];
                try (okhttp3.Response page = new Browser().get(url("/me"), "Cookie", signIn)) {
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
    void signInIssuesAFreshHardenedCookie() throws IOException {
        stubOAuth("oCookie");
        Browser b = new Browser();
        okhttp3.HttpUrl authorize;
        try (okhttp3.Response r = b.get(url("/me"))) {
            String binding = r.headers("Set-Cookie").stream().filter(c -> c.startsWith("wechat_oauth_binding="))
                    .findFirst().orElseThrow();
            assertThat(binding).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
            authorize = okhttp3.HttpUrl.get(r.header("Location").substring(0, r.header("Location").indexOf('#')));
        }
        try (okhttp3.Response r = b.get(back(authorize, "C1"))) {
            String signIn = r.headers("Set-Cookie").stream().filter(c -> c.startsWith("wechat_oauth_plain="))
                    .findFirst().orElseThrow();
            assertThat(signIn).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        }
        String first = b.cookie("wechat_oauth_plain");
        b.jar.remove("wechat_oauth_plain");
        login(b, "C2");
        assertThat(b.cookie("wechat_oauth_plain")).isNotNull().isNotEqualTo(first);
        // behind a trusted proxy that terminated TLS: Secure cookies and an https redirect_uri
        try (okhttp3.Response r = new Browser().get(url("/me"), "X-Forwarded-Proto", "https")) {
            assertThat(r.headers("Set-Cookie")).anyMatch(c -> c.startsWith("wechat_oauth_binding=")
                    && c.contains("; Secure"));
            assertThat(okhttp3.HttpUrl.get(r.header("Location").substring(0, r.header("Location").indexOf('#')))
                    .queryParameter("redirect_uri")).startsWith("https://127.0.0.1:" + port + "/me");
        }
    }

    @Test
    void aForgedHostIsRefused() throws IOException {
        try (okhttp3.Response r = browser.get(url("/me"), "Host", "evil.example")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.header("Location")).isNull();
            assertThat(r.body().string()).startsWith(WebSettings.HOST_REFUSED);
        }
    }

    @Test
    void aFailingUserStoreAnswersAShortErrorWithAnId() throws IOException {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"WEB\",\"expires_in\":7200,\"openid\":\"oLong\",\"scope\":\"snsapi_userinfo\"}")));
        wm.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(okJson(
                "{\"openid\":\"oLong\",\"nickname\":\"" + "长".repeat(300) + "\"}")));
        users.failing = true;
        try (okhttp3.Response r = browser.get(back(startSignIn(browser, "/me"), "LONG"))) {
            assertThat(r.code()).isEqualTo(500);
            String body = r.body().string();
            assertThat(body).matches(ERROR_ID).startsWith("sign-in failed");
            assertThat(body).doesNotContain("INSERT").doesNotContain("Exception").doesNotContain("at org.")
                    .doesNotContain("varying");
        }
        assertSignedOut(browser);
    }

    @Test
    void aSignInCookieIsNotAState() throws IOException {
        stubOAuth("oRec");
        login(browser, "REC");
        String record = browser.cookie("wechat_oauth_plain");
        try (okhttp3.Response r = new Browser().get(url("/me?code=X&state=" + record))) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).matches(ERROR_ID);
        }
        for (String garbage : List.of("", ".", "a.b.c", "%00", "x".repeat(500))) {
            try (okhttp3.Response r = new Browser().get(url("/me?code=X&state=" + garbage))) {
                assertThat(r.code()).as(garbage).isBetween(400, 499);
            }
        }
    }

    @Test
    void theClientAddressFollowsTrustedProxiesOnly() throws IOException {
        stubOAuth("oAddr");
        login(browser, "ADDR");
        try (okhttp3.Response r = browser.get(url("/me?addr=1"), "X-Forwarded-For", "198.51.100.1, 203.0.113.9")) {
            assertThat(r.body().string()).endsWith(" 203.0.113.9");
        }
        try (okhttp3.Response r = browser.get(url("/me?addr=1"), "X-Forwarded-For", "nonsense, 127.0.0.1")) {
            assertThat(r.body().string()).endsWith(" 127.0.0.1");
        }
        try (okhttp3.Response r = browser.get(url("/me?addr=1"))) {
            assertThat(r.body().string()).endsWith(" 127.0.0.1");
        }
    }

    /** Query → the script without its nonce, time and signature; the servlet contract has the same table. */
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
    void jsSdkReadsItsInputsByTheCoreRules() throws IOException {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(okJson(
                "{\"errcode\":0,\"ticket\":\"TICKET\",\"expires_in\":7200}")));
        for (Map.Entry<String, String> c : JSSDK_CASES.entrySet()) {
            try (okhttp3.Response r = browser.get(url("/wechat-jssdk/plain/config.js?" + c.getKey()), "Referer",
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
        try (okhttp3.Response r = browser.get(url("/wechat-jssdk/compatible/config.js?url=https%3A%2F%2Fx.example%2F"))) {
            assertThat(r.code()).isEqualTo(502);
            assertThat(r.body().string()).matches(ERROR_ID).startsWith("JS-SDK ticket unavailable")
                    .doesNotContain("48001");
        }
    }
}
