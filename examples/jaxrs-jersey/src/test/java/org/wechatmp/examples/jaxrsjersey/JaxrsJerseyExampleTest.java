package org.wechatmp.examples.jaxrsjersey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.examples.servletjetty.ExampleConfig;
import org.wechatmp.examples.wechatdouble.Defaults;

class JaxrsJerseyExampleTest {
    @Test
    void answersACallbackAndSignsInThroughTheDouble() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler collect = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger jersey = Logger.getLogger("org.glassfish.jersey");
        jersey.addHandler(collect);
        try (JaxrsJerseyExample app = JaxrsJerseyExample.start(ExampleConfig.from(Map.of("PORT", "0", "HOST",
                "127.0.0.1", "WECHAT_ENCRYPT_MODE", "compatible")))) {
            jersey.removeHandler(collect);
            // Jersey starts with the server and says nothing alarming (no "provider ... will be ignored")
            assertThat(warnings).extracting(LogRecord::getMessage).isEmpty();
            assertThat(app.report()).contains("WeChat API: the local WeChat double at http://127.0.0.1:")
                    .contains("database: h2 at ").contains("/wechat/demo, compatible mode");
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            CallbackSigner wechat = CallbackSigner.encrypted(Defaults.TOKEN, Defaults.AES_KEY, Defaults.APP_ID,
                    EncryptMode.COMPATIBLE);
            SignedCallback req = wechat.message("<xml><ToUserName>gh</ToUserName><FromUserName>oU</FromUserName>"
                    + "<CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>text</MsgType>"
                    + "<Content>hello</Content><MsgId>7</MsgId></xml>");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + "/wechat/demo?" + req.queryString())).POST(HttpRequest.BodyPublishers.ofString(req.body()))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(MessageParser.defaults().parseFields(wechat.readReply(r.body())).text("Content"))
                    .startsWith("你好");

            String base = "http://127.0.0.1:" + app.port();
            HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(base + "/me")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String authorize = first.headers().firstValue("Location").orElseThrow();
            String back = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
            String binding = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpResponse<String> returned = http.send(HttpRequest.newBuilder(URI.create(back)).header("Cookie",
                    binding).build(), HttpResponse.BodyHandlers.ofString());
            String cookie = returned.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(
                    "wechat_oauth_demo=")).findFirst().orElseThrow().split(";")[0];
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/me")).header("Cookie",
                    cookie).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(page.body()).startsWith("你好, 演示用户");
            HttpResponse<String> js = http.send(HttpRequest.newBuilder(URI.create(base + "/jssdk")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(js.body()).contains("/wechat-jssdk/demo/config.js");
            HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/wechat-jssdk/demo/config.js?apis=chooseImage&url=http%3A%2F%2Fexample.com%2F")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(script.body()).startsWith("wx.config({").contains("\"signature\"");
            HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("/wechat/demo").contains("SendMessage").contains("/me");
        }
    }
}
