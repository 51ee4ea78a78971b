package org.wechatmp.servlet;

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
import okhttp3.Cookie;
import okhttp3.CookieJar;
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
import org.wechatmp.core.engine.InMemoryHandlerRepository;

/**
 * The servlet adapter over real HTTP in a real container, acting as the WeChat server with the core signing helper
 * and with WireMock as the WeChat API. Each container runs the same contract.
 */
abstract class ServletAdapterContract {
    static final String TOKEN = "servlet-token";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";

    WireMockServer wm;
    WeChatRuntime runtime;
    int port;
    final List<Cookie> cookies = new ArrayList<>();
    OkHttpClient http;

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
        runtime = WeChatRuntime.builder(accounts).handlers(handlers).build();
        port = start((classes, ctx) -> {
            WeChatServlets.register(ctx, runtime);
            WeChatServlets.protect(ctx, runtime, OAuthConfig.of("plain", OAuthScope.USERINFO), "/me/*");
            WeChatServlets.protect(ctx, runtime, OAuthConfig.of("plain", OAuthScope.BASE).onUnauthenticated(
                    (req, resp, url) -> {
                        resp.setStatus(401);
                        resp.setContentType("text/plain;charset=UTF-8");
                        resp.getWriter().write("open this page in WeChat: " + url);
                    }), "/soft/*");
            ctx.addServlet("me", new WhoAmI()).addMapping("/me/*", "/soft/*");
        });
        http = new OkHttpClient.Builder().followRedirects(false).cookieJar(new CookieJar() {
            @Override
            public void saveFromResponse(HttpUrl url, List<Cookie> list) {
                cookies.addAll(list);
            }

            @Override
            public List<Cookie> loadForRequest(HttpUrl url) {
                return cookies;
            }
        }).build();
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
            resp.getWriter().write(info.openid() + " " + info.user().nickname() + " " + info.scope().value());
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

    private void stubOAuth(String code) {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"WEB\",\"expires_in\":7200,\"refresh_token\":\"R\",\"openid\":\"oWebUser\","
                        + "\"scope\":\"snsapi_userinfo\"}")));
        wm.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(okJson(
                "{\"openid\":\"oWebUser\",\"nickname\":\"小明\",\"sex\":1,\"headimgurl\":\"http://h\"}")));
    }

    /** Follows the filter's redirect to WeChat, plays WeChat's return, and comes back with a session. */
    private String login(String path, String code) throws IOException {
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
        // a reused code (the browser followed the redirect twice) still signs in
        cookies.clear();
        login("/me/profile", "CODE1");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }

    @Test
    void aForgedStateIsRefused() throws IOException {
        stubOAuth("CODE2");
        String forged = url("/me/x?code=CODE2&state=" + "eyJhIjoxfQ.AAAA");
        try (Response r = http.newCall(new Request.Builder().url(forged).build()).execute()) {
            assertThat(r.code()).isEqualTo(403);
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
}
