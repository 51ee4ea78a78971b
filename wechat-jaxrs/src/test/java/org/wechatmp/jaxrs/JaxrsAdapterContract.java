package org.wechatmp.jaxrs;

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

/** The JAX-RS adapter over real HTTP, in Jetty 12 under each JAX-RS implementation. */
abstract class JaxrsAdapterContract {
    static final String TOKEN = "jaxrs-token";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";

    WireMockServer wm;
    WeChatRuntime runtime;
    Server server;
    int port;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Adds the JAX-RS implementation, serving the runtime, to the context at {@code /*}. */
    abstract void mount(ServletContextHandler context, WeChatRuntime runtime);

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
        runtime = WeChatRuntime.builder(accounts).handlers(handlers).build();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        mount(context, runtime);
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void tearDown() throws Exception {
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
        HttpResponse<String> returned = fetch(back, null);
        assertThat(returned.statusCode()).isEqualTo(302);
        assertThat(returned.headers().firstValue("Location").orElseThrow()).endsWith("/me?x=1");
        String cookie = returned.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> page = fetch("/me?x=1", cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("oJax 小红 snsapi_userinfo");
        // a forged header cannot sign anyone in
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/me"))
                .header(WeChatFeature.OAUTH_HEADER, "x.y").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(302);
        // a forged state is refused
        assertThat(fetch("/me?code=C2&state=eyJ4Ijox.AAAA", null).statusCode()).isEqualTo(403);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
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
        List<Object> all = new java.util.ArrayList<>(WeChatFeature.singletons(runtime));
        all.add(new MeResource());
        return all;
    }
}
