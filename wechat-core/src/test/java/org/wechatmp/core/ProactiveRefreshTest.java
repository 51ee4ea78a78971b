package org.wechatmp.core;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.WeChatClient;

/** The background refresher renews tokens before callers would have to. */
class ProactiveRefreshTest {
    WireMockServer wm;
    Account account;
    TestClock clock;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        // T1 first, then T2, T3, ...
        String s = "tokens";
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario(s).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"T1\",\"expires_in\":7200}")).willSetStateTo("2"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario(s).whenScenarioStateIs("2")
                .willReturn(okJson("{\"access_token\":\"T2\",\"expires_in\":7200}")).willSetStateTo("3"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario(s).whenScenarioStateIs("3")
                .willReturn(okJson("{\"access_token\":\"T3\",\"expires_in\":7200}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/info")).willReturn(okJson(
                "{\"subscribe\":1,\"openid\":\"oA\",\"nickname\":\"A\"}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(okJson(
                "{\"errcode\":0,\"ticket\":\"JT\",\"expires_in\":7200}")));
        account = Account.of("demo", "wx_pr", "secret-pr", "t").withOption("api_base", wm.baseUrl());
        clock = new TestClock();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private WeChatRuntimeBuilder runtime(InMemoryTokenStore store) {
        return WeChatRuntime.builder(new InMemoryAccountRegistry(account)).clock(clock).tokenStore(store)
                .proactiveRefresh(false);
    }

    @Test
    void aTokenEightMinutesFromExpiryIsRenewedAndTheCallerWaitsForNoTokenRequest() {
        try (WeChatRuntime runtime = runtime(new InMemoryTokenStore(clock)).build()) {
            WeChatClient client = runtime.client(account);
            client.users().info("oA");
            wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
            assertThat(runtime.refreshTokensNow()).isZero(); // two hours left: nothing to do

            clock.advance(Duration.ofSeconds(7200 - 8 * 60));
            assertThat(runtime.refreshTokensNow()).isEqualTo(1);
            wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));

            wm.resetRequests();
            client.users().info("oA");
            wm.verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
            wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/user/info"))
                    .withQueryParam("access_token", equalTo("T2")));
        }
    }

    @Test
    void theJsSdkTicketInUseIsRenewedToo() {
        try (WeChatRuntime runtime = runtime(new InMemoryTokenStore(clock)).build()) {
            runtime.client(account).jsapi().ticket();
            clock.advance(Duration.ofSeconds(7200 - 8 * 60));
            assertThat(runtime.refreshTokensNow()).isEqualTo(2);
            wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/ticket/getticket")));
            wm.resetRequests();
            runtime.client(account).jsapi().ticket();
            wm.verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/ticket/getticket")));
        }
    }

    @Test
    void anAccountThatNeverCalledTheApiIsLeftAlone() {
        try (WeChatRuntime runtime = runtime(new InMemoryTokenStore(clock)).build()) {
            assertThat(runtime.refreshTokensNow()).isZero();
            wm.verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        }
    }

    @Test
    void twoRefreshersOnOneSharedStoreMakeOneTokenRequest() {
        InMemoryTokenStore shared = new InMemoryTokenStore(clock);
        try (WeChatRuntime a = runtime(shared).build(); WeChatRuntime b = runtime(shared).build()) {
            a.client(account).users().info("oA");
            clock.advance(Duration.ofSeconds(7200 - 8 * 60));
            wm.resetRequests();
            int first = a.refreshTokensNow();
            int second = b.refreshTokensNow();
            assertThat(first + second).isEqualTo(1);
            wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
            b.client(account).users().info("oA");
            wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        }
    }

    @Test
    void theRefresherRunsByItselfWhenOnAndNotWhenOff() throws Exception {
        InMemoryTokenStore store = new InMemoryTokenStore(clock);
        try (WeChatRuntime off = runtime(store).build()) {
            off.client(account).users().info("oA");
            clock.advance(Duration.ofSeconds(7200 - 8 * 60));
            assertThat(RuntimeTest.threadsNamed("wechat-token-refresher")).isEmpty();
        }
        try (WeChatRuntime on = runtime(store).proactiveRefresh(true)
                .proactiveRefresh(Duration.ofMinutes(10), Duration.ofMillis(20)).build()) {
            on.client(account);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!"T2".equals(store.get("wx_pr:access_token").orElseThrow().value())
                    && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(store.get("wx_pr:access_token").orElseThrow().value()).isEqualTo("T2");
            Thread.sleep(200); // ten more rounds: the renewed token is not renewed again
            wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        }
    }
}
