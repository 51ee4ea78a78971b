package org.wechatmp.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.wechatmp.examples.wechatdouble.Defaults;

/** Real credentials without an API base: the application refuses to start, and says what to set. */
class RealAccountWithoutApiBaseTest {
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
    void theDemoAccountGetsTheDouble() {
        try (ConfigurableApplicationContext ctx = run("wechat.accounts.demo.app-id=" + Defaults.APP_ID,
                "wechat.accounts.demo.secret=" + Defaults.SECRET)) {
            assertThat(ctx.getBean(WeChatEndpoints.class).describe()).contains("local WeChat double");
        }
    }
}
