package org.wechatmp.storage.jdbi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.RetryPolicy;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.sync.MaterialSync;
import org.wechatmp.core.sync.SyncException;
import org.wechatmp.core.sync.SyncPhase;
import org.wechatmp.core.sync.SyncResult;

/**
 * Material sync with paging, articles, and removal of materials deleted in WeChat; short, malformed and failing
 * answers delete nothing, and a re-run ends with exactly the remote set.
 */
class MaterialSyncTest {
    static final Account ACCOUNT = Account.of("demo", "wx_m", "s", "t");

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    static String images(int from, int to, int total) {
        return "{\"total_count\":" + total + ",\"item_count\":" + (to - from) + ",\"item\":[" + IntStream.range(from, to)
                .mapToObj(i -> "{\"media_id\":\"img" + i + "\",\"name\":\"i" + i + ".png\",\"update_time\":1,"
                        + "\"url\":\"http://u/" + i + "\"}").collect(Collectors.joining(",")) + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void syncsEveryTypeAndRemovesWhatWeChatDeleted(Databases.Db db) {
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try (JdbiStorage s = Databases.fresh(db)) {
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/material/get_materialcount")).willReturn(okJson(
                    "{\"image_count\":25,\"voice_count\":0,\"video_count\":0,\"news_count\":1}")));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).atPriority(9).willReturn(okJson(
                    "{\"total_count\":0,\"item_count\":0,\"item\":[]}")));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).withRequestBody(matchingJsonPath(
                    "$.type", equalTo("image"))).withRequestBody(matchingJsonPath("$.offset", equalTo("0")))
                    .willReturn(okJson(images(0, 20, 25))));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).withRequestBody(matchingJsonPath(
                    "$.type", equalTo("image"))).withRequestBody(matchingJsonPath("$.offset", equalTo("20")))
                    .willReturn(okJson(images(20, 25, 25))));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).withRequestBody(matchingJsonPath(
                    "$.type", equalTo("news"))).willReturn(okJson("{\"total_count\":1,\"item_count\":1,\"item\":[{"
                    + "\"media_id\":\"N1\",\"content\":{\"news_item\":[{\"title\":\"标题\",\"thumb_media_id\":\"img1\","
                    + "\"url\":\"http://a\"}]},\"update_time\":5}]}")));
            s.materials().save("demo", "image", new MaterialItem("deletedInWeChat", "x", 1, "", List.of()));
            WeChatClient client = WeChatClient.builder("wx_m", "s").baseUrl(wm.baseUrl())
                    .tokenStore(new InMemoryTokenStore()).retryPolicy(RetryPolicy.none()).build();
            SyncResult r = new MaterialSync(s.materials(), s.syncStates(), Clock.systemUTC()).run(ACCOUNT, client,
                    p -> { });
            assertThat(r.fetched()).isEqualTo(26);
            assertThat(r.removed()).isEqualTo(1);
            assertThat(s.materials().mediaIds("demo", "image")).hasSize(25).doesNotContain("deletedInWeChat");
            assertThat(s.materials().articles("demo", "N1")).singleElement().satisfies(a ->
                    assertThat(a.title()).isEqualTo("标题"));

            // a failure mid-way removes nothing
            s.materials().save("demo", "image", new MaterialItem("keepMe", "x", 1, "", List.of()));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).atPriority(1).withRequestBody(
                    matchingJsonPath("$.offset", equalTo("20"))).willReturn(okJson("{\"errcode\":-1}")));
            assertThatThrownBy(() -> new MaterialSync(s.materials(), s.syncStates(), Clock.systemUTC()).run(ACCOUNT,
                    client, p -> { })).isInstanceOf(SyncException.class);
            assertThat(s.materials().mediaIds("demo", "image")).contains("keepMe");
        } finally {
            wm.stop();
        }
    }

    static void stubRemote(WireMockServer wm) {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/material/get_materialcount")).willReturn(okJson(
                "{\"image_count\":25,\"voice_count\":0,\"video_count\":0,\"news_count\":1}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).atPriority(9).willReturn(okJson(
                "{\"total_count\":0,\"item_count\":0,\"item\":[]}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).atPriority(5).withRequestBody(
                matchingJsonPath("$.type", equalTo("image"))).withRequestBody(matchingJsonPath("$.offset",
                equalTo("0"))).willReturn(okJson(images(0, 20, 25))));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).atPriority(5).withRequestBody(
                matchingJsonPath("$.type", equalTo("image"))).withRequestBody(matchingJsonPath("$.offset",
                equalTo("20"))).willReturn(okJson(images(20, 25, 25))));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).atPriority(5).withRequestBody(
                matchingJsonPath("$.type", equalTo("news"))).willReturn(okJson(NEWS)));
    }

    static final String NEWS = "{\"total_count\":1,\"item_count\":1,\"item\":[{\"media_id\":\"N1\",\"content\":"
            + "{\"news_item\":[{\"title\":\"标题\",\"thumb_media_id\":\"img1\",\"url\":\"http://a\"}]},"
            + "\"update_time\":5}]}";

    static WeChatClient client(WireMockServer wm, java.time.Duration readTimeout, RetryPolicy retry) {
        return WeChatClient.builder("wx_m", "s").baseUrl(wm.baseUrl()).tokenStore(new InMemoryTokenStore())
                .retryPolicy(retry).httpClient(new okhttp3.OkHttpClient.Builder().readTimeout(readTimeout).build())
                .build();
    }

    /** Exactly the remote set: img0..img24 and N1, nothing else. */
    static void assertRemoteSet(JdbiStorage s) {
        assertThat(s.materials().mediaIds("demo", "image")).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 25)
                .mapToObj(i -> "img" + i).toList());
        assertThat(s.materials().mediaIds("demo", "news")).containsExactly("N1");
        assertThat(s.materials().articles("demo", "N1")).hasSize(1);
    }

    static com.github.tomakehurst.wiremock.client.MappingBuilder secondImagePage() {
        return post(urlPathEqualTo("/cgi-bin/material/batchget_material")).atPriority(1).withRequestBody(
                matchingJsonPath("$.type", equalTo("image"))).withRequestBody(matchingJsonPath("$.offset",
                equalTo("20")));
    }

    static void removeFaults(WireMockServer wm) {
        wm.getStubMappings().stream().filter(m -> m.getPriority() != null && m.getPriority() == 1).toList()
                .forEach(wm::removeStub);
    }

    /**
     * Item 10 and the rule for every page: an empty, short, inconsistent or faulty answer deletes nothing, records
     * FAILED, and a re-run ends with exactly the remote set.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void shortMalformedOrFailedListingsDeleteNothing(Databases.Db db) {
        String fifteen = images(0, 15, 25).replace("\"item_count\":15", "\"item_count\":20");
        List<com.github.tomakehurst.wiremock.client.MappingBuilder> faults = List.of(
                secondImagePage().willReturn(okJson("{}")),
                secondImagePage().willReturn(okJson(images(20, 23, 25))),
                secondImagePage().willReturn(okJson(images(20, 25, 26))),
                secondImagePage().willReturn(okJson(images(20, 25, 25).replace("\"item_count\":5",
                        "\"item_count\":4"))),
                post(urlPathEqualTo("/cgi-bin/material/batchget_material")).atPriority(1).withRequestBody(
                        matchingJsonPath("$.offset", equalTo("0"))).withRequestBody(matchingJsonPath("$.type",
                        equalTo("image"))).willReturn(okJson(fifteen)),
                post(urlPathEqualTo("/cgi-bin/material/batchget_material")).atPriority(1).withRequestBody(
                        matchingJsonPath("$.type", equalTo("news"))).willReturn(okJson(NEWS.replace(
                        "{\"news_item\":[{\"title\":\"标题\",\"thumb_media_id\":\"img1\",\"url\":\"http://a\"}]}",
                        "{\"news_item\":[]}"))),
                get(urlPathEqualTo("/cgi-bin/material/get_materialcount")).atPriority(1).willReturn(okJson("{}")),
                secondImagePage().willReturn(aResponse().withStatus(500)),
                secondImagePage().willReturn(okJson("{\"errcode\":-1,\"errmsg\":\"system error\"}")),
                // the client gives up after 1 s; the answer would come after 4 s
                secondImagePage().willReturn(okJson(images(20, 25, 25)).withFixedDelay(4_000)),
                secondImagePage().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try {
            for (var fault : faults) {
                wm.resetAll();
                stubRemote(wm);
                try (JdbiStorage s = Databases.fresh(db)) {
                    MaterialSync sync = new MaterialSync(s.materials(), s.syncStates(), Clock.systemUTC());
                    sync.run(ACCOUNT, client(wm, java.time.Duration.ofSeconds(10), RetryPolicy.none()), p -> { });
                    assertRemoteSet(s);
                    s.materials().save("demo", "image", new MaterialItem("deletedInWeChat", "x", 1, "", List.of()));
                    wm.stubFor(fault);
                    WeChatClient faulty = client(wm, java.time.Duration.ofSeconds(1), new RetryPolicy(2,
                            java.time.Duration.ZERO, java.time.Duration.ofSeconds(5)));
                    assertThatThrownBy(() -> sync.run(ACCOUNT, faulty, p -> { })).isInstanceOfSatisfying(
                            SyncException.class, e -> assertThat(e.phase()).isEqualTo(SyncPhase.FAILED));
                    var state = s.syncStates().get("demo", MaterialSync.KIND).orElseThrow();
                    assertThat(state.phase()).isEqualTo(SyncPhase.FAILED);
                    assertThat(state.lastResult()).startsWith("failed");
                    // nothing deleted: 25 images, the news, and the one WeChat no longer has
                    assertThat(s.materials().mediaIds("demo", "image")).hasSize(26).contains("deletedInWeChat");
                    assertThat(s.materials().mediaIds("demo", "news")).containsExactly("N1");
                    removeFaults(wm);
                    SyncResult r = sync.run(ACCOUNT, client(wm, java.time.Duration.ofSeconds(10),
                            RetryPolicy.none()), p -> { });
                    assertThat(r.removed()).isEqualTo(1);
                    assertThat(r.fetched()).isEqualTo(26);
                    assertRemoteSet(s);
                    assertThat(s.syncStates().get("demo", MaterialSync.KIND).orElseThrow().phase())
                            .isEqualTo(SyncPhase.DONE);
                }
            }
        } finally {
            wm.stop();
        }
    }

    /** Cancelled after the first page: recorded CANCELLED, nothing deleted. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aCancelledRunDeletesNothing(Databases.Db db) {
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try (JdbiStorage s = Databases.fresh(db)) {
            stubRemote(wm);
            s.materials().save("demo", "image", new MaterialItem("deletedInWeChat", "x", 1, "", List.of()));
            MaterialSync sync = new MaterialSync(s.materials(), s.syncStates(), Clock.systemUTC());
            var listener = org.wechatmp.core.sync.SyncListener.cancellable(p -> { }, () -> !s.materials()
                    .mediaIds("demo", "image").contains("img19") ? false : true);
            assertThatThrownBy(() -> sync.run(ACCOUNT, client(wm, java.time.Duration.ofSeconds(10),
                    RetryPolicy.none()), listener)).isInstanceOfSatisfying(SyncException.class, e -> {
                        assertThat(e.cancelled()).isTrue();
                        assertThat(e.cursor()).isEqualTo("image:20");
                    });
            assertThat(s.syncStates().get("demo", MaterialSync.KIND).orElseThrow().phase())
                    .isEqualTo(SyncPhase.CANCELLED);
            assertThat(s.materials().mediaIds("demo", "image")).hasSize(21).contains("deletedInWeChat");
        } finally {
            wm.stop();
        }
    }
}
