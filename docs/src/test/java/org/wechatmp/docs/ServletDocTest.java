package org.wechatmp.docs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.oauth.OAuthStateSigner;
import org.wechatmp.core.oauth.WeChatOAuthInfo;
import org.wechatmp.core.web.WebSettings;
import org.wechatmp.examples.wechatdouble.Defaults;
import org.wechatmp.examples.wechatdouble.WeChatDouble;
import org.wechatmp.servlet.OAuthConfig;
import org.wechatmp.servlet.WeChatServlets;

/** The code of docs/wechat-servlet.md, in a real Jetty 12. */
class ServletDocTest {
    // tag::servlet[]
    static void mount(ServletContext context, WeChatRuntime runtime, Map<String, String> env) {
        WebSettings web = WebSettings.fromEnv(env);   // WECHAT_SITE_URL, WECHAT_ALLOWED_HOSTS, WECHAT_TRUSTED_PROXIES
        WeChatServlets.register(context, runtime, web);   // /wechat/*, /wechat-material/*, /wechat-jssdk/*
        WeChatServlets.protect(context, runtime, OAuthConfig.of("demo", OAuthScope.USERINFO).web(web), "/me");
        context.addServlet("me", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                WeChatOAuthInfo user = (WeChatOAuthInfo) req.getAttribute(WeChatOAuthInfo.ATTRIBUTE);
                resp.setContentType("text/plain;charset=UTF-8");
                resp.getWriter().write("你好, " + user.openid());
            }
        }).addMapping("/me");
    }
    // end::servlet[]

    @Test
    void callbackAndSignInAreMounted() throws Exception {
        try (WeChatDouble wechat = WeChatDouble.start(0)) {
            Account account = Account.of("demo", Defaults.APP_ID, Defaults.SECRET, Defaults.TOKEN)
                    .withEncryption(Defaults.AES_KEY, EncryptMode.SAFE).withOption("api_base", wechat.baseUrl())
                    .withOption("oauth_url", wechat.baseUrl());
            try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account))
                    .stateSigner(OAuthStateSigner.of("docs-key-docs-key-docs-key-docs-key-0123")).build()) {
                Server server = new Server();
                ServerConnector connector = new ServerConnector(server);
                connector.setHost("127.0.0.1");
                server.addConnector(connector);
                ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
                context.addServletContainerInitializer((classes, ctx) -> mount(ctx, runtime,
                        Map.of("WECHAT_ALLOWED_HOSTS", "127.0.0.1")));
                server.setHandler(context);
                server.start();
                try {
                    String base = "http://127.0.0.1:" + connector.getLocalPort();
                    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                    SignedCallback signed = CallbackSigner.encrypted(Defaults.TOKEN, Defaults.AES_KEY,
                            Defaults.APP_ID, EncryptMode.SAFE).message("<xml><ToUserName>gh</ToUserName>"
                            + "<FromUserName>oU</FromUserName><CreateTime>" + System.currentTimeMillis() / 1000
                            + "</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>9</MsgId></xml>");
                    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/wechat/demo?"
                            + signed.queryString())).POST(HttpRequest.BodyPublishers.ofString(signed.body()))
                            .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                    HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(base + "/me")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(me.statusCode()).isEqualTo(302);
                    assertThat(me.headers().firstValue("Location").orElseThrow())
                            .startsWith(wechat.baseUrl() + "/connect/oauth2/authorize?");
                } finally {
                    server.stop();
                }
            }
        }
    }
}
