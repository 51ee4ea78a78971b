package org.wechatmp.storage.jdbi;

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
import org.wechatmp.core.sync.SyncResult;

/** Material sync with paging, articles, and removal of materials deleted in WeChat. */
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
}
