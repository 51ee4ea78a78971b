package org.wechatmp.storage.jdbi;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.RetryPolicy;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.sync.AutoReplyImport;
import org.wechatmp.core.sync.SyncResult;

/**
 * The console's auto-replies, as WeChat documents them ({@code get_current_autoreply_info}, served over HTTP by
 * WireMock), imported into the database handlers and read back, on every database. The documented video reply
 * carries a 185-character URL where a media id usually is.
 */
class AutoReplyImportTest {
    static final Account ACCOUNT = Account.of("demo", "wx_ar", "s", "t");
    static final String VIDEO_URL = "http://61.182.133.153/vweixinp.tc.qq.com/1007_114bcede9a2244eeb5ab7f76d951df5f"
            + ".f10.mp4?vkey=7183E5C952B16C3AB1991BA8138673DE1037CB82A29801A504B64A77F691BF9DF7AD054A9B7FE683&sha=0"
            + "&save=1";

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    static String fixture() throws IOException {
        try (InputStream in = AutoReplyImportTest.class.getResourceAsStream("/fixtures/get_current_autoreply_info.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void theDocumentedPayloadImportsIntoTheDatabaseAndReadsBack(Databases.Db db) throws IOException {
        assertThat(VIDEO_URL).hasSize(185);
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try (JdbiStorage s = Databases.fresh(db)) {
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/get_current_autoreply_info")).willReturn(okJson(fixture())));
            WeChatClient client = WeChatClient.builder("wx_ar", "s").baseUrl(wm.baseUrl())
                    .tokenStore(new InMemoryTokenStore()).retryPolicy(RetryPolicy.none()).build();
            s.handlers().save("demo", Handler.builder("mine").rule(Rule.contains("mine"))
                    .reply(HandlerReply.text("kept")).build());
            AutoReplyImport importer = new AutoReplyImport(s.handlers(), s.materials(), s.syncStates(),
                    Clock.systemUTC());

            SyncResult first = importer.run(ACCOUNT, client, p -> { });
            assertThat(first.fetched()).isEqualTo(4);
            SyncResult again = importer.run(ACCOUNT, client, p -> { }); // a re-import replaces, never duplicates
            assertThat(again).isEqualTo(first);
            wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/get_current_autoreply_info")));

            Map<String, Handler> byName = s.handlers().handlers("demo").stream()
                    .collect(Collectors.toMap(Handler::name, Function.identity()));
            assertThat(byName).containsOnlyKeys("mine", "autoreply-news", "autoreply-voice", "autoreply-text",
                    "autoreply-video", AutoReplyImport.FOLLOW_REPLY, AutoReplyImport.DEFAULT_REPLY);
            assertThat(byName.get("mine").source()).isNotEqualTo(Handler.Source.IMPORTED);

            Handler video = byName.get("autoreply-video");
            assertThat(video.source()).isEqualTo(Handler.Source.IMPORTED);
            assertThat(video.strategy()).isEqualTo(Handler.Strategy.RANDOM_ONE);
            assertThat(video.rules()).containsExactly(Rule.equalTo("video测试"));
            assertThat(video.replies()).singleElement().satisfies(r -> {
                assertThat(r.type()).isEqualTo(HandlerReply.Type.VIDEO);
                assertThat(List.of(String.valueOf(r.mediaId()), String.valueOf(r.url()))).contains(VIDEO_URL);
            });

            assertThat(byName.get("autoreply-voice").replies()).singleElement().satisfies(r -> {
                assertThat(r.type()).isEqualTo(HandlerReply.Type.VOICE);
                assertThat(r.mediaId()).isEqualTo("NESsxgHEvAcg3egJTtYj4uG1PTL6iPhratdWKDLAXYErhN6oEEfMdVyblWtBY5vp");
            });
            assertThat(byName.get("autoreply-text").replies()).containsExactly(HandlerReply.text("hello!text!"));
            assertThat(byName.get("autoreply-text").rules()).containsExactly(Rule.contains("text测试"));

            Handler news = byName.get("autoreply-news");
            assertThat(news.strategy()).isEqualTo(Handler.Strategy.REPLY_ALL);
            assertThat(news.replies()).hasSize(2).allSatisfy(r -> assertThat(r.type())
                    .isEqualTo(HandlerReply.Type.NEWS));
            assertThat(s.materials().articles("demo", news.replies().get(0).mediaId())).singleElement()
                    .satisfies(a -> assertThat(a.title()).isEqualTo("it's news"));
            assertThat(s.materials().articles("demo", news.replies().get(1).mediaId()))
                    .extracting(a -> a.title()).containsExactly("MULTI_NEWS", "MULTI_NEWS4");

            assertThat(byName.get(AutoReplyImport.FOLLOW_REPLY).rules()).containsExactly(Rule.event("subscribe"));
            assertThat(byName.get(AutoReplyImport.FOLLOW_REPLY).replies())
                    .containsExactly(HandlerReply.text("Thanks for your attention!"));
            assertThat(byName.get(AutoReplyImport.DEFAULT_REPLY).rules()).containsExactly(Rule.all());
            assertThat(byName.get(AutoReplyImport.DEFAULT_REPLY).replies())
                    .containsExactly(HandlerReply.text("Hello, this is autoreply!"));
            assertThat(s.syncStates().get("demo", AutoReplyImport.KIND).orElseThrow().lastResult()).startsWith("ok");
        } finally {
            wm.stop();
        }
    }
}
