package org.wechatmp.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.examples.wechatdouble.Defaults;

/**
 * The application started as {@code main} starts it (not as a {@code @SpringBootTest}, which on Spring Boot 3 turns
 * metrics export off): real credentials without an API base refuse to start and say what to set; an API base is used
 * as given; the demo account runs on the double and its meters are scraped from {@code /actuator/prometheus}.
 */
class StartupTest {
    /** Starts the application with command-line arguments, which win over application.yml and the environment. */
    static ConfigurableApplicationContext run(String... properties) {
        Map<String, String> args = new LinkedHashMap<>(Map.of("server.port", "0", "wechat.api-base", "",
                "spring.datasource.url", "jdbc:h2:mem:boot-guard-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));
        for (String p : properties) {
            args.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        return new SpringApplicationBuilder(WeChatBootApplication.class).run(args.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @Test
    void refusesToStartWithAClearMessage() {
        assertThatThrownBy(() -> run("wechat.accounts.demo.app-id=wx1234567890abcdef",
                "wechat.accounts.demo.secret=a-real-secret").close())
                .hasRootCauseInstanceOf(WeChatEndpoints.MissingApiBaseException.class)
                .rootCause().hasMessageContaining("wx1234567890abcdef")
                .hasMessageContaining("set WECHAT_API_BASE (wechat.api-base) to https://api.weixin.qq.com")
                .hasMessageNotContaining("a-real-secret");
        FailureAnalysis analysis = new MissingApiBaseFailureAnalyzer().analyze(
                new IllegalStateException(new WeChatEndpoints.MissingApiBaseException("refused")));
        assertThat(analysis.getAction()).contains("WECHAT_API_BASE=https://api.weixin.qq.com");
    }

    @Test
    void startsOnTheGivenApiBaseWithoutADouble() {
        try (ConfigurableApplicationContext ctx = run("wechat.accounts.demo.app-id=wx1234567890abcdef",
                "wechat.accounts.demo.secret=a-real-secret", "wechat.api-base=http://127.0.0.1:9")) {
            WeChatEndpoints api = ctx.getBean(WeChatEndpoints.class);
            assertThat(api.localDouble()).isNull();
            assertThat(api.apiBase()).isEqualTo("http://127.0.0.1:9");
            assertThat(api.describe()).isEqualTo("the API base http://127.0.0.1:9");
        }
    }

    @Test
    void theDemoAccountRunsOnTheDoubleAndItsMetersAreScraped() throws Exception {
        try (ConfigurableApplicationContext ctx = run("wechat.accounts.demo.app-id=" + Defaults.APP_ID,
                "wechat.accounts.demo.secret=" + Defaults.SECRET, "wechat.accounts.demo.token=" + Defaults.TOKEN,
                "wechat.accounts.demo.aes-key=" + Defaults.AES_KEY, "wechat.accounts.demo.encrypt-mode=safe")) {
            assertThat(ctx.getBean(WeChatEndpoints.class).describe()).contains("local WeChat double");
            String base = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
            CallbackSigner wechat = CallbackSigner.encrypted(Defaults.TOKEN, Defaults.AES_KEY, Defaults.APP_ID,
                    EncryptMode.SAFE);
            SignedCallback req = wechat.message(WeChatBootApplicationTest.text("oScrape", "hello"));
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/wechat/demo?" + req.queryString()))
                    .POST(HttpRequest.BodyPublishers.ofString(req.body())).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("wechat_callback_answered_seconds_count{account=\"demo\"");
        }
    }
}
