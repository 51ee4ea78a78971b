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
import org.wechatmp.core.sync.SyncListener;
import org.wechatmp.core.sync.SyncPhase;
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

    /** A client with a read timeout far above any local answer, so a loaded machine does not fail the test. */
    WeChatClient client() {
        return client(Duration.ofSeconds(10), RetryPolicy.none());
    }

    WeChatClient client(Duration readTimeout, RetryPolicy retry) {
        return WeChatClient.builder(ACCOUNT.appId(), ACCOUNT.secret()).baseUrl(wm.baseUrl())
                .tokenStore(new org.wechatmp.core.client.InMemoryTokenStore()).retryPolicy(retry)
                .httpClient(new OkHttpClient.Builder().readTimeout(readTimeout).build()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void fullSyncStoresEveryFollowerWithProgressAndMarksTheGone(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            s.users().saveAll("demo", List.of(WeChatUser.of("gone", java.time.Instant.now()).withSubscription(true,
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
                assertThat(p.phase()).isEqualTo(SyncPhase.DONE);
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
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withFault(Fault.EMPTY_RESPONSE),
                okJson("{}"), okJson("{\"user_info_list\":[]}"));
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

    /** The stored followers of "demo": openid to subscribed. */
    static java.util.Map<String, Boolean> stored(JdbiStorage s) {
        java.util.Map<String, Boolean> out = new java.util.TreeMap<>();
        s.jdbi().useHandle(h -> h.createQuery("SELECT openid, subscribed FROM wx_user WHERE account = 'demo'")
                .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getBoolean(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Exactly o0..o(n-1) subscribed, plus the given openids unsubscribed: nothing lost, duplicated or wrongly gone. */
    static void assertExactly(JdbiStorage s, int n, String... unsubscribed) {
        java.util.Map<String, Boolean> want = new java.util.TreeMap<>();
        IntStream.range(0, n).forEach(i -> want.put("o" + i, true));
        for (String u : unsubscribed) {
            want.put(u, false);
        }
        assertThat(stored(s)).isEqualTo(want);
    }

    static com.github.tomakehurst.wiremock.client.MappingBuilder listing(String after) {
        return get(urlPathEqualTo("/cgi-bin/user/get")).atPriority(1).withQueryParam("next_openid",
                after == null ? absent() : equalTo(after));
    }

    void removeFaults() {
        wm.getStubMappings().stream().filter(m -> m.getPriority() != null && m.getPriority() == 1).toList()
                .forEach(wm::removeStub);
    }

    FollowerSync seeded(JdbiStorage s) {
        FollowerSync sync = new FollowerSync(s.users(), s.syncStates(), Clock.systemUTC());
        stubPages(300, 100);
        SyncResult first = sync.full(ACCOUNT, client(), p -> { });
        assertThat(first.fetched()).isEqualTo(300);
        assertExactly(s, 300);
        return sync;
    }

    void assertFailedKeepingCursor(JdbiStorage s, FollowerSync sync, String cursor) {
        assertThatThrownBy(() -> sync.full(ACCOUNT, client(), p -> { }))
                .isInstanceOfSatisfying(SyncException.class, e -> {
                    assertThat(e.cursor()).isEqualTo(cursor);
                    assertThat(e.phase()).isEqualTo(SyncPhase.FAILED);
                });
        var state = s.syncStates().get("demo", FollowerSync.KIND).orElseThrow();
        assertThat(state.phase()).isEqualTo(SyncPhase.FAILED);
        assertThat(state.lastResult()).startsWith("failed").doesNotContain("access_token=T");
        assertThat(state.cursor()).isEqualTo(cursor);
    }

    /** Item 8: an empty answer for page 2 of a second full sync unsubscribed 200 of 300 followers and said "ok". */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void anEmptyListingPageFailsAndUnsubscribesNobody(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            FollowerSync sync = seeded(s);
            wm.stubFor(listing("o99").willReturn(okJson("{}")));
            assertFailedKeepingCursor(s, sync, "o99");
            assertExactly(s, 300);
            removeFaults();
            SyncResult r = sync.full(ACCOUNT, client(), p -> { });
            assertThat(r.removed()).isZero();
            assertExactly(s, 300);
            assertThat(s.syncStates().get("demo", FollowerSync.KIND).orElseThrow().phase()).isEqualTo(SyncPhase.DONE);
        }
    }

    /** Pages shorter than count, or a listing that ends before total, never count as complete. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void truncatedListingPagesFailAndAReRunEndsWithTheRemoteSet(Databases.Db db) {
        List<String> truncated = List.of(
                // count promises 100, data holds 50
                "{\"total\":300,\"count\":100,\"data\":{\"openid\":[" + IntStream.range(100, 150)
                        .mapToObj(i -> "\"o" + i + "\"").collect(Collectors.joining(","))
                        + "]},\"next_openid\":\"o149\"}",
                // a consistent page of 50, then the listing claims to end at 150 of 300
                page(100, 150, 300, ""),
                // count 0 while 200 of the total are still due
                "{\"total\":300,\"count\":0,\"next_openid\":\"\"}",
                // next_openid that is not the page's last openid
                page(100, 200, 300, "o150"),
                // no total
                "{\"count\":100,\"data\":{\"openid\":[" + IntStream.range(100, 200).mapToObj(i -> "\"o" + i + "\"")
                        .collect(Collectors.joining(",")) + "]},\"next_openid\":\"o199\"}");
        for (String body : truncated) {
            wm.resetAll();
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
            try (JdbiStorage s = Databases.fresh(db)) {
                FollowerSync sync = seeded(s);
                s.users().saveAll("demo", List.of(WeChatUser.of("gone", java.time.Instant.now())
                        .withSubscription(true, java.time.Instant.now())));
                wm.stubFor(listing("o99").willReturn(okJson(body)));
                assertFailedKeepingCursor(s, sync, "o99");
                // "gone" is not in WeChat's list, but the listing was short: it stays subscribed
                assertThat(stored(s)).containsEntry("gone", true).hasSize(301);
                removeFaults();
                SyncResult r = sync.full(ACCOUNT, client(), p -> { });
                assertThat(r.removed()).as(body).isEqualTo(1);
                assertExactly(s, 300, "gone");
            }
        }
    }

    /** Item 9: a profile batch answering {} or 50 of 100 profiles stores nothing of that page and fails. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void partialProfileBatchesFailWithoutStoringThePage(Databases.Db db) {
        String half = "{\"user_info_list\":[" + IntStream.range(100, 150).mapToObj(i -> "{\"subscribe\":1,"
                + "\"openid\":\"o" + i + "\"}").collect(Collectors.joining(",")) + "]}";
        for (String body : List.of("{}", half)) {
            wm.resetAll();
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
            try (JdbiStorage s = Databases.fresh(db)) {
                stubPages(300, 100);
                wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/batchget")).atPriority(1).withRequestBody(
                        matchingJsonPath("$.user_list[0].openid", equalTo("o100"))).willReturn(okJson(body)));
                FollowerSync sync = new FollowerSync(s.users(), s.syncStates(), Clock.systemUTC());
                assertFailedKeepingCursor(s, sync, "o99");
                assertExactly(s, 100);
                removeFaults();
                sync.full(ACCOUNT, client(), p -> { });
                assertExactly(s, 300);
            }
        }
    }

    /** Faults on the listing call itself: HTTP 500, errcode -1 after every retry, a timeout, a reset connection. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void listingFaultsFailWithTheCursorAndAReRunEndsWithTheRemoteSet(Databases.Db db) {
        List<ResponseDefinitionBuilder> faults = List.of(aResponse().withStatus(500),
                okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}"),
                // the client gives up after 1 s; the answer would come after 4 s: a margin a busy machine keeps
                okJson(page(100, 200, 300, "o199")).withFixedDelay(4_000),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        for (ResponseDefinitionBuilder fault : faults) {
            wm.resetAll();
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
            try (JdbiStorage s = Databases.fresh(db)) {
                FollowerSync sync = seeded(s);
                s.users().saveAll("demo", List.of(WeChatUser.of("gone", java.time.Instant.now())
                        .withSubscription(true, java.time.Instant.now())));
                wm.stubFor(listing("o99").willReturn(fault));
                wm.resetRequests();
                WeChatClient retrying = client(Duration.ofSeconds(1), new RetryPolicy(2, Duration.ZERO,
                        Duration.ofSeconds(5)));
                assertThatThrownBy(() -> sync.full(ACCOUNT, retrying, p -> { }))
                        .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.cursor()).isEqualTo("o99"));
                assertThat(s.syncStates().get("demo", FollowerSync.KIND).orElseThrow().phase())
                        .isEqualTo(SyncPhase.FAILED);
                assertThat(stored(s)).containsEntry("gone", true).hasSize(301);
                if (fault == faults.get(1)) {
                    // errcode -1 was retried twice before the sync gave up
                    wm.verify(3, getRequestedFor(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid",
                            equalTo("o99")));
                }
                removeFaults();
                // the stored cursor resumes the listing; a full run then marks the one WeChat does not list
                SyncResult resumed = sync.incremental(ACCOUNT, client(), p -> { });
                assertThat(resumed.fetched()).isEqualTo(200);
                assertThat(resumed.removed()).isZero();
                SyncResult r = sync.full(ACCOUNT, client(), p -> { });
                assertThat(r.removed()).isEqualTo(1);
                assertExactly(s, 300, "gone");
            }
        }
    }

    /** Cancellation between pages: recorded CANCELLED with the cursor, and incremental finishes the rest. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aCancelledRunKeepsItsCursorAndIncrementalCompletesIt(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            stubPages(300, 100);
            FollowerSync sync = new FollowerSync(s.users(), s.syncStates(), Clock.systemUTC());
            List<SyncProgress> seen = new ArrayList<>();
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            SyncListener listener = org.wechatmp.core.sync.SyncListener.cancellable(p -> {
                seen.add(p);
                if (p.done() >= 200 && "stored".equals(p.step())) {
                    stop.set(true);
                }
            }, stop::get);
            assertThatThrownBy(() -> sync.full(ACCOUNT, client(), listener)).isInstanceOfSatisfying(
                    SyncException.class, e -> {
                        assertThat(e.cancelled()).isTrue();
                        assertThat(e.cursor()).isEqualTo("o199");
                        assertThat(e.result().fetched()).isEqualTo(200);
                    });
            var state = s.syncStates().get("demo", FollowerSync.KIND).orElseThrow();
            assertThat(state.phase()).isEqualTo(SyncPhase.CANCELLED);
            assertThat(state.cursor()).isEqualTo("o199");
            assertThat(seen).last().satisfies(p -> assertThat(p.phase()).isEqualTo(SyncPhase.CANCELLED));
            assertExactly(s, 200);
            SyncResult r = sync.incremental(ACCOUNT, client(), p -> { });
            assertThat(r.fetched()).isEqualTo(100);
            assertExactly(s, 300);
        }
    }
}
