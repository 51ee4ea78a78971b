package org.wechatmp.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.sync.SyncListener;
import org.wechatmp.core.sync.SyncResult;

/** The runtime as the composition root: client cache and factory hook, clock, sync facade, closing. */
class RuntimeTest {
    static final Account BASE = Account.of("demo", "wx_rt", "secret-rt", "cb-token");

    WireMockServer wm;
    Account account;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"T1\",\"expires_in\":7200}")));
        account = BASE.withOption("api_base", wm.baseUrl());
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    /** Every page of followers, and profiles echoing the requested openids. */
    static void stubFollowers(WireMockServer wm, int total) {
        String ids = IntStream.range(0, total).mapToObj(i -> "\"o" + i + "\"").collect(Collectors.joining(","));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid", absent()).willReturn(
                okJson("{\"total\":" + total + ",\"count\":" + total + ",\"data\":{\"openid\":[" + ids + "]},"
                        + "\"next_openid\":\"o" + (total - 1) + "\"}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid", equalTo("o" + (total - 1)))
                .willReturn(okJson("{\"total\":" + total + ",\"count\":0,\"next_openid\":\"\"}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/batchget")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withTransformers("response-template").withBody(
                        "{\"user_info_list\":[{{#each (jsonPath request.body '$.user_list') as |u|}}{\"subscribe\":1,"
                        + "\"openid\":\"{{u.openid}}\",\"nickname\":\"n-{{u.openid}}\"}{{#unless @last}},{{/unless}}"
                        + "{{/each}}]}")));
    }

    @Test
    void clientsAreMadeOncePerAccountByTheFactoryHookWithTheRuntimeDefaults() {
        AtomicInteger built = new AtomicInteger();
        TestClock clock = new TestClock();
        try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account)).clock(clock)
                .proactiveRefresh(false)
                .clientFactory((a, defaults) -> {
                    built.incrementAndGet();
                    return defaults.timeout(Duration.ofMillis(300)).build();
                }).build()) {
            WeChatClient c = runtime.client(account);
            assertThat(runtime.client(account)).isSameAs(c);
            assertThat(built).hasValue(1);
            // the hook's timeout is in force: a slow WeChat times out at 300 ms
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/getcallbackip")).willReturn(okJson("{}").withFixedDelay(1_500)));
            assertThatThrownBy(() -> c.get("/cgi-bin/getcallbackip", Map.of()))
                    .isInstanceOf(WeChatHttpException.class).hasMessageContaining("timed out");
            // the defaults carried the account's api_base and the runtime's token store and clock
            assertThat(runtime.client(account).accessToken()).isEqualTo("T1");
            // changed settings: a new client
            Account changed = account.withOption("note", "x");
            assertThat(runtime.client(changed)).isNotSameAs(c);
            assertThat(built).hasValue(2);
        }
    }

    @Test
    void theCustomizerFormAdjustsTheDefaultBuilder() {
        try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account))
                .proactiveRefresh(false)
                .clientCustomizer((a, b) -> b.name("custom-" + a.name())).build()) {
            assertThat(runtime.client(account).name()).isEqualTo("custom-demo");
        }
    }

    @Test
    void theRuntimeClockReachesTheCallbackPipeline() {
        // a clock a year away from the system clock: a request signed at that time passes only if the pipeline
        // reads the runtime's clock
        TestClock clock = new TestClock(java.time.Instant.parse("2020-06-01T00:00:00Z"));
        InMemoryAccountRegistry accounts = new InMemoryAccountRegistry(account);
        org.wechatmp.core.engine.InMemoryHandlerRepository handlers =
                new org.wechatmp.core.engine.InMemoryHandlerRepository();
        handlers.save("demo", Handler.builder("hi").rule(Rule.contains("hi")).reply(HandlerReply.text("hello"))
                .build());
        try (WeChatRuntime runtime = WeChatRuntime.builder(accounts).handlers(handlers).clock(clock)
                .proactiveRefresh(false).build()) {
            SignedCallback signed = CallbackSigner.plain("cb-token").withClock(clock).message("<xml><ToUserName>gh"
                    + "</ToUserName><FromUserName>oU</FromUserName><CreateTime>" + clock.instant().getEpochSecond()
                    + "</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>7</MsgId></xml>");
            CallbackResponse r = runtime.callback().handle(new CallbackRequest("demo", "POST", signed.query(),
                    signed.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("hello");
        }
    }

    @Test
    void theSyncFacadeWritesIntoTheRuntimeRepositories() {
        stubFollowers(wm, 5);
        try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account))
                .proactiveRefresh(false).build()) {
            AccountSync sync = runtime.sync(account);
            assertThat(sync.client()).isSameAs(runtime.client(account));
            SyncResult r = sync.followers().full(account, sync.client(), SyncListener.NONE);
            assertThat(r.fetched()).isEqualTo(5);
            assertThat(runtime.users().find("demo", "o3").orElseThrow().nickname()).isEqualTo("n-o3");
        }
    }

    @Test
    void closingTheRuntimeLeavesNoNonDaemonOkHttpThreadAndStopsItsOwnThreads() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/getcallbackip")).willReturn(okJson("{\"ip_list\":[]}")));
        WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account))
                .proactiveRefresh(Duration.ofMinutes(10), Duration.ofMillis(20)).build();
        runtime.client(account).get("/cgi-bin/getcallbackip", Map.of());
        assertThat(threadsNamed("wechat-token-refresher")).isNotEmpty();
        assertThat(threadsNamed("wechat-job-scheduler")).isNotEmpty();

        runtime.close();

        assertThat(org.wechatmp.core.client.ThreadsAfterClose.lingeringOkHttpThreads()).isEmpty();
        assertThat(waitGone("wechat-token-refresher")).isEmpty();
        assertThat(waitGone("wechat-job-scheduler")).isEmpty();
    }

    @Test
    void aRuntimeOnTheCallersHttpClientLeavesItOpen() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/getcallbackip")).willReturn(okJson("{\"ip_list\":[]}")));
        OkHttpClient users = new OkHttpClient();
        try {
            try (WeChatRuntime runtime = WeChatRuntime.builder(new InMemoryAccountRegistry(account))
                    .httpClient(users).proactiveRefresh(false).build()) {
                runtime.client(account).get("/cgi-bin/getcallbackip", Map.of());
            }
            assertThat(users.dispatcher().executorService().isShutdown()).isFalse();
            assertThat(users.connectionPool().connectionCount()).isPositive();
            wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/getcallbackip")));
        } finally {
            users.dispatcher().executorService().shutdown();
            users.connectionPool().evictAll();
        }
    }

    static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .toList();
    }

    static List<Thread> waitGone(String prefix) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Thread> alive = threadsNamed(prefix);
        while (!alive.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
            alive = threadsNamed(prefix);
        }
        return alive;
    }
}
