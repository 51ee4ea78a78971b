package org.wechatmp.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A client pointed at a WireMock double of the WeChat API over real HTTP on loopback. */
abstract class WireMockClientTest {
    static final String APP_ID = "wx_appid";
    static final String SECRET = "app-secret-DO-NOT-LOG-5f3a";

    WireMockServer wm;
    MutableClock clock;
    InMemoryTokenStore store;
    WeChatClient client;

    @BeforeEach
    void startDouble() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        store = new InMemoryTokenStore(clock);
        client = builder().build();
        stubToken("TOKEN1", 7200);
    }

    @AfterEach
    void stopDouble() {
        wm.stop();
    }

    WeChatClientBuilder builder() {
        return WeChatClient.builder(APP_ID, SECRET).name("test").baseUrl(wm.baseUrl()).tokenStore(store)
                .clock(clock).retryPolicy(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(200)));
    }

    void stubToken(String token, int expiresIn) {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + "}")));
    }

    static String fixture(String name) {
        try (InputStream in = WireMockClientTest.class.getResourceAsStream("/vectors/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok() {
        return okJson("{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder errcode(int code, String msg) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"errcode\":" + code + ",\"errmsg\":\"" + msg + "\"}");
    }

    /** A clock tests can move. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
