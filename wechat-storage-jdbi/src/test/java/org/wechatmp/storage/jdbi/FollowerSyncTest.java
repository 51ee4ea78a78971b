package org.wechatmp.storage.jdbi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.RetryPolicy;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.WeChatUser;
import org.wechatmp.core.sync.FollowerSync;
import org.wechatmp.core.sync.SyncException;
import org.wechatmp.core.sync.SyncProgress;
import org.wechatmp.core.sync.SyncResult;

/** Follower sync from a WireMock double into every available database, including API faults mid-sync. */
class FollowerSyncTest {
    static final Account ACCOUNT = Account.of("demo", "wx_sync", "secret", "t");
    /** batchget echoes the requested openids as subscribed followers. */
    static final String BATCH_TEMPLATE = "{\"user_info_list\":[{{#each (jsonPath request.body '$.user_list') as |u|}}"
            + "{\"subscribe\":1,\"openid\":\"{{u.openid}}\",\"nickname\":\"n-{{u.openid}}\",\"subscribe_time\":"
            + "1600000000,\"tagid_list\":[2]}{{#unless @last}},{{/unless}}{{/each}}]}";

    WireMockServer wm;

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\",\"expires_in\":7200}")));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    static String page(int from, int to, int total, String next) {
        String ids = IntStream.range(from, to).mapToObj(i -> "\"o" + i + "\"").collect(Collectors.joining(","));
        return "{\"total\":" + total + ",\"count\":" + (to - from) + ",\"data\":{\"openid\":[" + ids + "]},"
                + "\"next_openid\":\"" + next + "\"}";
    }

    void stubPages(int total, int pageSize) {
        for (int from = 0; from < total; from += pageSize) {
            int to = Math.min(total, from + pageSize);
            var request = get(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid",
                    from == 0 ? absent() : equalTo("o" + (from - 1)));
            wm.stubFor(request.willReturn(okJson(page(from, to, total, "o" + (to - 1)))));
        }
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid", equalTo("o" + (total - 1)))
                .willReturn(okJson("{\"total\":" + total + ",\"count\":0,\"next_openid\":\"\"}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/batchget")).atPriority(10).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(BATCH_TEMPLATE)
                .withTransformers("response-template")));
    }

    WeChatClient client() {
        return WeChatClient.builder(ACCOUNT.appId(), ACCOUNT.secret()).baseUrl(wm.baseUrl())
                .tokenStore(new org.wechatmp.core.client.InMemoryTokenStore()).retryPolicy(RetryPolicy.none())
                .httpClient(new OkHttpClient.Builder().readTimeout(Duration.ofMillis(3_000)).build()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void fullSyncStoresEveryFollowerWithProgressAndMarksTheGone(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            s.users().upsert("demo", List.of(WeChatUser.of("gone", java.time.Instant.now()).withSubscription(true,
                    java.time.Instant.now())));
            stubPages(250, 100);
            List<SyncProgress> progress = new ArrayList<>();
            FollowerSync sync = new FollowerSync(s.users(), s.syncStates(), Clock.systemUTC());
            SyncResult r = sync.full(ACCOUNT, client(), progress::add);
            assertThat(r.fetched()).isEqualTo(250);
            assertThat(r.removed()).isEqualTo(1);
            assertThat(s.users().count("demo")).isEqualTo(251);
            assertThat(s.users().find("demo", "o7").orElseThrow().nickname()).isEqualTo("n-o7");
            assertThat(s.users().find("demo", "gone").orElseThrow().subscribed()).isFalse();
            wm.verify(3, getRequestedFor(urlPathEqualTo("/cgi-bin/user/get")));
            wm.verify(3, postRequestedFor(urlPathEqualTo("/cgi-bin/user/info/batchget")));
            assertThat(progress).last().satisfies(p -> {
                assertThat(p.phase()).isEqualTo("done");
                assertThat(p.done()).isEqualTo(250);
                assertThat(p.total()).isEqualTo(250);
            });
            assertThat(s.syncStates().get("demo", FollowerSync.KIND).orElseThrow().lastResult()).startsWith("ok");
            // re-running duplicates nothing
            sync.full(ACCOUNT, client(), p -> { });
            assertThat(s.users().count("demo")).isEqualTo(251);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void faultsStopWithASavedCursorAndAReRunCompletes(Databases.Db db) {
        List<ResponseDefinitionBuilder> faults = List.of(aResponse().withStatus(502),
                okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}"), aResponse().withStatus(200).withBody("{bad"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), okJson("{}").withFixedDelay(6_000));
        for (ResponseDefinitionBuilder fault : faults) {
            wm.resetAll();
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
            try (JdbiStorage s = Databases.fresh(db)) {
                stubPages(300, 100);
                // the second page's profiles fail
                wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/batchget")).atPriority(1).withRequestBody(
                        matchingJsonPath("$.user_list[0].openid", equalTo("o100"))).willReturn(fault));
                FollowerSync sync = new FollowerSync(s.users(), s.syncStates(), Clock.systemUTC());
                assertThatThrownBy(() -> sync.full(ACCOUNT, client(), p -> { }))
                        .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.cursor()).isEqualTo("o99"));
                assertThat(s.users().count("demo")).isEqualTo(100);
                assertThat(s.syncStates().get("demo", FollowerSync.KIND).orElseThrow().lastResult())
                        .startsWith("failed");
                // WeChat recovers; the incremental run resumes after the saved cursor
                wm.removeStub(wm.getStubMappings().stream().filter(m -> m.getPriority() != null
                        && m.getPriority() == 1).findFirst().orElseThrow());
                SyncResult r = sync.incremental(ACCOUNT, client(), p -> { });
                assertThat(r.fetched()).isEqualTo(200);
                assertThat(s.users().count("demo")).isEqualTo(300);
                assertThat(s.syncStates().get("demo", FollowerSync.KIND).orElseThrow().cursor()).isEqualTo("o299");
            }
        }
    }
}
