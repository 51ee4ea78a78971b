package org.wechatmp.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.XmlFields;
import org.wechatmp.examples.wechatdouble.Defaults;
import org.wechatmp.examples.wechatdouble.WeChatDouble;

/**
 * The application as {@code mvn spring-boot:run} starts it, on a random port: signed safe-mode callbacks answered by
 * the handler beans, an API call that reaches the local double, the OAuth filter, the storage on Spring's pool and
 * the core's meters in Actuator. The demo account's settings are pinned, so a WECHAT_* variable of the machine
 * cannot send this test to WeChat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "wechat.api-base=", "wechat.oauth-url=", "wechat.site-url=", "wechat.allowed-hosts=127.0.0.1",
        "wechat.accounts.demo.app-id=" + Defaults.APP_ID, "wechat.accounts.demo.secret=" + Defaults.SECRET,
        "wechat.accounts.demo.token=" + Defaults.TOKEN, "wechat.accounts.demo.aes-key=" + Defaults.AES_KEY,
        "wechat.accounts.demo.encrypt-mode=safe", "spring.datasource.url=jdbc:h2:mem:boot-test;DB_CLOSE_DELAY=-1"})
class WeChatBootApplicationTest {
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final CallbackSigner WECHAT = CallbackSigner.encrypted(Defaults.TOKEN, Defaults.AES_KEY, Defaults.APP_ID,
            EncryptMode.SAFE);

    @Value("${local.server.port}")
    int port;
    @Autowired
    WeChatEndpoints endpoints;
    @Autowired
    JdbcTemplate jdbc;

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url(path))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    XmlFields send(String xml) throws Exception {
        SignedCallback req = WECHAT.message(xml);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/wechat/demo?" + req.queryString())))
                .POST(HttpRequest.BodyPublishers.ofString(req.body())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        return MessageParser.defaults().parseFields(WECHAT.readReply(r.body()));
    }

    static String text(String from, String content) {
        return "<xml><ToUserName>gh_demo</ToUserName><FromUserName>" + from + "</FromUserName><CreateTime>"
                + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>text</MsgType><Content><![CDATA["
                + content + "]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";
    }

    @Test
    void handlerBeansAnswerSignedSafeModeCallbacks() throws Exception {
        assertThat(send(text("oBoot1", "hello")).text("Content")).isEqualTo("你好！This is wechatmp on Spring Boot.");
        assertThat(send(text("oBoot1", "anything")).text("Content")).startsWith("You said: anything (");
        String subscribe = "<xml><ToUserName>gh_demo</ToUserName><FromUserName>oBootNew</FromUserName><CreateTime>"
                + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>event</MsgType><Event>subscribe</Event>"
                + "</xml>";
        assertThat(send(subscribe).text("Content")).isEqualTo("欢迎关注！Welcome!");
    }

    @Test
    void aCustomReplyBeanCallsTheApiOnTheLocalDouble() throws Exception {
        WeChatDouble dbl = endpoints.localDouble();
        assertThat(dbl).isNotNull();
        assertThat(endpoints.apiBase()).isEqualTo(dbl.baseUrl()).startsWith("http://127.0.0.1:");
        int before = dbl.requests("/cgi-bin/user/info");
        assertThat(send(text("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "whoami")).text("Content"))
                .isEqualTo("你是 Band，关注于 1382694957");
        assertThat(dbl.requests("/cgi-bin/user/info")).isEqualTo(before + 1);
        assertThat(dbl.requests("/cgi-bin/token") + dbl.requests("/cgi-bin/stable_token")).isPositive();
    }

    @Test
    void anUnsignedCallbackIsRefused() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(
                "/wechat/demo?signature=x&timestamp=1&nonce=n"))).POST(HttpRequest.BodyPublishers.ofString("<xml/>"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isIn(400, 403);
    }

    @Autowired
    org.wechatmp.storage.jdbi.JdbiStorage storage;
    @Autowired
    java.util.List<org.wechatmp.core.engine.Handler> beans;

    @Test
    void seedingTheBeansAgainLeavesHandlersMadeElsewhereAndDuplicatesNothing() {
        var admin = org.wechatmp.core.engine.Handler.builder("made in the admin")
                .rule(org.wechatmp.core.engine.Rule.equalTo("admin-only"))
                .reply(org.wechatmp.core.engine.HandlerReply.text("kept")).build();
        storage.handlers().save("demo", admin);
        int before = storage.handlers().handlers("demo").size();
        WeChatConfiguration.seed(storage, "demo", beans); // a restart
        var after = storage.handlers().handlers("demo");
        assertThat(after).hasSize(before);
        assertThat(after).extracting(org.wechatmp.core.engine.Handler::name).contains("made in the admin")
                .doesNotHaveDuplicates();
    }

    @Test
    void theStorageLivesOnSpringsDataSource() {
        assertThat(jdbc.queryForObject("SELECT app_id FROM wx_account WHERE name = 'demo'", String.class))
                .isEqualTo(Defaults.APP_ID);
    }

    @Test
    void theCoreMetersAreInActuatorsRegistry() throws Exception {
        send(text("oBoot2", "hello"));
        HttpResponse<String> metric = get("/actuator/metrics/wechat.callback.answered");
        assertThat(metric.statusCode()).isEqualTo(200);
        assertThat(metric.body()).contains("\"COUNT\"").contains("demo");   // the Prometheus scrape: StartupTest
    }

    @Test
    void theIndexSaysWhatToDoAndMeSignsInThroughTheDouble() throws Exception {
        assertThat(get("/").body()).contains("/wechat/demo").contains("SendMessage").contains("/me");
        HttpResponse<String> first = get("/me");
        assertThat(first.statusCode()).isEqualTo(302);
        String authorize = first.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(endpoints.localDouble().baseUrl() + "/connect/oauth2/authorize?");
        String back = get(authorize).headers().firstValue("Location").orElseThrow();
        String binding = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> returned = HTTP.send(HttpRequest.newBuilder(URI.create(back)).header("Cookie", binding)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(returned.statusCode()).isEqualTo(302);
        String session = returned.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow().split(";")[0];
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url("/me"))).header("Cookie", session)
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("你好, 演示用户");
    }
}
