package org.wechatmp.examples.servletjetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.XmlFields;
import org.wechatmp.examples.wechatdouble.Defaults;

/** The example as README runs it: defaults, the local double, real HTTP. */
class ServletJettyExampleTest {
    static ServletJettyExample app;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final CallbackSigner WECHAT = CallbackSigner.encrypted(Defaults.TOKEN, Defaults.AES_KEY, Defaults.APP_ID,
            EncryptMode.SAFE);

    @BeforeAll
    static void start() throws Exception {
        app = ServletJettyExample.start(ExampleConfig.from(Map.of("PORT", "0", "HOST", "127.0.0.1")));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static XmlFields send(String xml) throws Exception {
        SignedCallback req = WECHAT.message(xml);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/wechat/demo?" + req.queryString())).POST(HttpRequest.BodyPublishers.ofString(req.body()))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        String reply = WECHAT.readReply(r.body());
        return reply.isEmpty() ? XmlFields.empty() : MessageParser.defaults().parseFields(reply);
    }

    static String text(String content) {
        return "<xml><ToUserName>gh_demo</ToUserName><FromUserName>oU1</FromUserName><CreateTime>"
                + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>text</MsgType><Content><![CDATA["
                + content + "]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";
    }

    @Test
    void demoRulesAnswer() throws Exception {
        assertThat(send(text("hello")).text("Content")).startsWith("你好");
        assertThat(send(text("time")).text("Content")).startsWith("现在是北京时间");
        XmlFields news = send(text("news"));
        assertThat(news.text("MsgType")).isEqualTo("news");
        assertThat(news.child("Articles").child("item").text("Title")).isEqualTo("wechatmp");
        assertThat(send(text("anything else")).text("Content")).isEqualTo("You said: anything else");
        String sub = "<xml><ToUserName>gh_demo</ToUserName><FromUserName>oNewbie</FromUserName><CreateTime>"
                + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>event</MsgType><Event>subscribe</Event>"
                + "</xml>";
        assertThat(send(sub).text("Content")).startsWith("欢迎关注");
    }

    @Test
    void saysAtStartWhatItTalksTo() throws Exception {
        assertThat(app.report()).contains("WeChat API: the local WeChat double at http://127.0.0.1:")
                .contains("database: h2 at jdbc:h2:mem:wechat-demo")
                .contains("callback URL of account demo (" + Defaults.APP_ID + "): http://localhost:" + app.port()
                        + "/wechat/demo, safe mode");
        HttpResponse<String> index = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(index.body()).contains("/wechat/demo").contains("SendMessage").contains("Connect a real account");
    }

    @Test
    void realCredentialsWithoutAnApiBaseAreRefused() {
        assertThatThrownBy(() -> ExampleConfig.from(Map.of("WECHAT_APPID", "wx1234567890abcdef", "WECHAT_SECRET",
                "s3cret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set WECHAT_API_BASE to https://api.weixin.qq.com")
                .hasMessageNotContaining("s3cret");
        assertThat(ExampleConfig.from(Map.of("WECHAT_APPID", "wx1234567890abcdef", "WECHAT_SECRET", "s3cret",
                "WECHAT_API_BASE", "https://api.weixin.qq.com")).startDouble()).isNull();
    }

    @Test
    void oauthPageSignsInThroughTheDouble() throws Exception {
        HttpResponse<String> first = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/me")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(302);
        String authorize = first.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> wechat = HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wechat.statusCode()).isEqualTo(302);
        String back = wechat.headers().firstValue("Location").orElseThrow();
        String binding = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0]; // the browser keeps it
        HttpResponse<String> returned = HTTP.send(HttpRequest.newBuilder(URI.create(back)).header("Cookie", binding)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(returned.statusCode()).isEqualTo(302);
        String cookie = returned.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow().split(";")[0];
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + returned.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("你好, 演示用户");
    }
}
