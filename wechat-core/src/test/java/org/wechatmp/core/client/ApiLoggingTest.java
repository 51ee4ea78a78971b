package org.wechatmp.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatApiException;

/**
 * Every test logs at debug into one file (see the surefire configuration); the token, the secret and the JS ticket
 * must never appear there, while the request lines must.
 */
class ApiLoggingTest extends WireMockClientTest {
    static final String TOKEN = "tok-LEAK-CHECK-9b1e";
    static final String TICKET = "ticket-LEAK-CHECK-77aa";

    @Test
    void secretsNeverReachTheLogs() throws Exception {
        stubToken(TOKEN, 7200);
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/info")).willReturn(okJson(fixture("user_info.json"))));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(okJson(
                "{\"errcode\":0,\"ticket\":\"" + TICKET + "\",\"expires_in\":7200}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).willReturn(okJson(
                "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(errcode(40001, "invalid credential")));
        client.users().info("OPENID");
        client.jsapi().ticket();
        builder().name("stable").tokenStore(new org.wechatmp.core.client.InMemoryTokenStore()).tokenSource(
                TokenSource.stableToken()).build().get("/cgi-bin/user/info", Map.of("openid", "x"));
        assertThatThrownBy(() -> client.menus().delete()).isInstanceOf(WeChatApiException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(SECRET));

        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/test-debug.log"));
        String text = Files.readString(log);
        assertThat(text).contains("wechat.api.req.test").contains("access_token=***")
                .contains("wechat.api.resp.test").contains("wechat.api.excs.test").contains("secret=***");
        assertThat(text).doesNotContain(TOKEN).doesNotContain(SECRET).doesNotContain(TICKET);
    }
}
