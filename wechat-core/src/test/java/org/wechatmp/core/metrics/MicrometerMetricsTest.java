package org.wechatmp.core.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.TestClock;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatHttpException;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.RetryPolicy;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.jobs.JobConflictException;
import org.wechatmp.core.jobs.JobHandle;
import org.wechatmp.core.jobs.JobState;
import org.wechatmp.core.sync.SyncPhase;
import org.wechatmp.core.sync.SyncProgress;
import org.wechatmp.core.sync.SyncResult;

/** Every event of the SPI moves its Micrometer meter; the client, refresher and job events through real code. */
class MicrometerMetricsTest {
    WireMockServer wm;
    SimpleMeterRegistry registry;
    TestClock clock;
    Account account;
    WeChatRuntime runtime;
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"T1\",\"expires_in\":7200}")));
        registry = new SimpleMeterRegistry();
        clock = new TestClock();
        account = Account.of("demo", "wx_m", "secret-m", "t").withOption("api_base", wm.baseUrl());
        runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account)).clock(clock)
                .tokenStore(new InMemoryTokenStore(clock)).proactiveRefresh(false)
                .metrics(new MicrometerMetrics(registry))
                .clientCustomizer((a, b) -> b.timeout(Duration.ofMillis(300))
                        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(100))))
                .job("pages", (a, client, listener) -> {
                    listener.progress(new SyncProgress(a.name(), "pages", SyncPhase.RUNNING, "page", 40, 100, 0));
                    await();
                    listener.progress(new SyncProgress(a.name(), "pages", SyncPhase.RUNNING, "page", 100, 100, 0));
                    return new SyncResult("pages", 100, 100, 0, 3);
                }).build();
    }

    void await() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        runtime.close();
        wm.stop();
    }

    double count(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        if (search.timer() != null) {
            return search.timer().count();
        }
        if (search.counter() != null) {
            return search.counter().count();
        }
        if (search.gauge() != null) {
            return search.gauge().value();
        }
        return 0;
    }

    @Test
    void tokenFetchesOnDemandAndProactivelyAndTheirFailures() {
        WeChatClient client = runtime.client(account);
        client.accessToken();
        assertThat(count("wechat.token.fetch", "account", "demo", "credential", "access_token", "trigger", "demand"))
                .isEqualTo(1);
        clock.advance(Duration.ofSeconds(7200 - 8 * 60));
        runtime.refreshTokensNow();
        assertThat(count("wechat.token.fetch", "credential", "access_token", "trigger", "proactive")).isEqualTo(1);

        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"errcode\":40013,\"errmsg\":\"invalid appid\"}")));
        clock.advance(Duration.ofHours(3));
        runtime.refreshTokensNow(); // fails, logged, counted
        assertThat(count("wechat.token.fetch.failures", "trigger", "proactive")).isEqualTo(1);
        assertThatThrownBy(client::accessToken).isInstanceOf(WeChatApiException.class);
        assertThat(count("wechat.token.fetch.failures", "account", "demo", "credential", "access_token",
                "trigger", "demand")).isEqualTo(1);
    }

    @Test
    void apiCallsByGroupAndErrcodeFailuresAndRetries() {
        WeChatClient client = runtime.client(account);
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/info")).willReturn(okJson("{\"openid\":\"oA\"}")));
        client.users().info("oA");
        assertThat(count("wechat.api.calls", "account", "demo", "group", "user", "errcode", "0")).isEqualTo(1);
        assertThat(count("wechat.api.calls", "group", "token", "errcode", "0")).isEqualTo(1);

        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(okJson(
                "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")));
        assertThatThrownBy(() -> client.menus().delete()).isInstanceOf(WeChatApiException.class);
        assertThat(count("wechat.api.calls", "group", "menu", "errcode", "45009")).isEqualTo(1);

        wm.stubFor(get(urlPathEqualTo("/cgi-bin/getcallbackip")).willReturn(okJson("{}").withFixedDelay(1_500)));
        assertThatThrownBy(() -> client.get("/cgi-bin/getcallbackip", Map.of()))
                .isInstanceOf(WeChatHttpException.class);
        assertThat(count("wechat.api.failures", "group", "getcallbackip", "kind", "timeout")).isEqualTo(1);

        // busy once, then fine
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/tags/get")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}")).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/tags/get")).inScenario("busy").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"tags\":[]}")));
        client.tags().list();
        assertThat(count("wechat.api.retries", "group", "tags", "reason", "busy")).isEqualTo(1);
        assertThat(count("wechat.api.calls", "group", "tags", "errcode", "-1")).isEqualTo(1);

        // a rejected token, then fine
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/get")).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}")).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/get")).inScenario("token").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"menu\":{\"button\":[]}}")));
        client.get("/cgi-bin/menu/get", Map.of());
        assertThat(count("wechat.api.retries", "group", "menu", "reason", "token")).isEqualTo(1);
        assertThat(count("wechat.token.fetch", "trigger", "demand")).isEqualTo(2);
    }

    @Test
    void syncProgressResultsAndRefusalsThroughTheJobRunner() throws Exception {
        JobHandle h = runtime.jobs().start(account, "pages", "alice");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count("wechat.sync.done", "account", "demo", "kind", "pages") < 40 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(count("wechat.sync.done", "account", "demo", "kind", "pages")).isEqualTo(40);
        assertThat(count("wechat.sync.total", "account", "demo", "kind", "pages")).isEqualTo(100);
        assertThatThrownBy(() -> runtime.jobs().start(account, "pages", "bob"))
                .isInstanceOf(JobConflictException.class);
        assertThat(count("wechat.sync.refused", "account", "demo", "kind", "pages")).isEqualTo(1);
        release.countDown();
        assertThat(h.done().get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(count("wechat.sync.runs", "account", "demo", "kind", "pages", "state", "SUCCEEDED")).isEqualTo(1);
        assertThat(count("wechat.sync.items", "account", "demo", "kind", "pages")).isEqualTo(100);
        assertThat(count("wechat.sync.done", "account", "demo", "kind", "pages")).isEqualTo(100);
    }

    @Test
    void callbackHandlerAndMessageLogEventsMoveTheirMeters() {
        WeChatMetrics m = runtime.metrics();
        m.callbackAnswered("demo", Duration.ofMillis(3));
        m.callbackRefused("demo", "signature");
        m.callbackDeduplicated("demo");
        m.callbackReplayed("demo");
        m.handlerLatency("demo", "hello", Duration.ofMillis(2));
        m.deadlineMissed("demo");
        m.lateSend("demo", true);
        m.lateSend("demo", false);
        m.messageLogDropped(3);
        assertThat(count("wechat.callback.answered", "account", "demo")).isEqualTo(1);
        assertThat(registry.find("wechat.callback.answered").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3);
        assertThat(count("wechat.callback.refused", "account", "demo", "reason", "signature")).isEqualTo(1);
        assertThat(count("wechat.callback.deduplicated", "account", "demo")).isEqualTo(1);
        assertThat(count("wechat.callback.replayed", "account", "demo")).isEqualTo(1);
        assertThat(count("wechat.handler.duration", "account", "demo", "handler", "hello")).isEqualTo(1);
        assertThat(count("wechat.callback.deadline.missed", "account", "demo")).isEqualTo(1);
        assertThat(count("wechat.callback.late.sends", "outcome", "ok")).isEqualTo(1);
        assertThat(count("wechat.callback.late.sends", "outcome", "failed")).isEqualTo(1);
        assertThat(count("wechat.messagelog.dropped")).isEqualTo(3);
    }

    @Test
    void theRuntimePassesItsMetricsToTheCallbackItBuilds() {
        String xml = "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[oU]]></FromUserName>"
                + "<CreateTime>" + clock.instant().getEpochSecond() + "</CreateTime><MsgType><![CDATA[text]]>"
                + "</MsgType><Content><![CDATA[hi]]></Content><MsgId>1</MsgId></xml>";
        SignedCallback signed = CallbackSigner.plain("t").withClock(clock).message(xml);
        CallbackResponse r = runtime.callback().handle(new CallbackRequest("demo", "POST", signed.query(),
                signed.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(count("wechat.callback.answered", "account", "demo")).isEqualTo(1);
        Map<String, String> forged = new java.util.HashMap<>(signed.query());
        forged.put("signature", "0".repeat(40));
        assertThat(runtime.callback().handle(new CallbackRequest("demo", "POST", forged, new byte[0], "")).status())
                .isEqualTo(403);
        assertThat(count("wechat.callback.refused", "account", "demo", "reason", "signature")).isEqualTo(1);
    }

    @Test
    void theDefaultIsNoOp() {
        try (WeChatRuntime plain = WeChatRuntime.builder(new InMemoryAccountRegistry(account))
                .proactiveRefresh(false).build()) {
            assertThat(plain.metrics()).isSameAs(WeChatMetrics.NONE);
            plain.client(account).accessToken();
        }
        assertThat(registry.getMeters()).isEmpty();
    }
}
