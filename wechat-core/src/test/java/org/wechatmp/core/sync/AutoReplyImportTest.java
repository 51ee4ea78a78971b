package org.wechatmp.core.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.engine.EngineResult;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.reply.NewsReply;
import org.wechatmp.core.reply.TextReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.spi.InMemoryMaterialRepository;
import org.wechatmp.core.client.InMemoryTokenStore;

/** The console's auto-replies (the wechatpy fixture) imported into handlers the engine answers with. */
class AutoReplyImportTest {
    static final Account ACCOUNT = Account.of("demo", "wx1", "s", "t");
    WireMockServer wm;
    InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
    InMemoryMaterialRepository materials = new InMemoryMaterialRepository();
    InMemorySyncStateStore states = new InMemorySyncStateStore();

    @BeforeEach
    void start() throws Exception {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
        try (InputStream in = getClass().getResourceAsStream("/vectors/fixtures/get_current_autoreply_info.json")) {
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/get_current_autoreply_info")).willReturn(okJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8))));
        }
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    EngineResult answer(String text) {
        var msg = MessageParser.defaults().parse("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName>"
                + "<MsgType>text</MsgType><Content><![CDATA[" + text + "]]></Content><MsgId>1</MsgId></xml>");
        return ReplyEngine.builder(handlers).materials(materials).build().handle(new MessageContext(ACCOUNT, msg, null,
                null, new byte[0], Map.of()), Duration.ofSeconds(10)); // a deadline a busy machine keeps
    }

    @Test
    void importsKeywordFollowAndDefaultRepliesAndReImportsWithoutDuplicates() {
        handlers.save("demo", Handler.builder("own").weight(-5).rule(Rule.equalTo("mine"))
                .reply(HandlerReply.text("kept")).build());
        WeChatClient client = WeChatClient.builder("wx1", "s").baseUrl(wm.baseUrl())
                .tokenStore(new InMemoryTokenStore()).build();
        AutoReplyImport importer = new AutoReplyImport(handlers, materials, states, Clock.systemUTC());
        SyncResult first = importer.run(ACCOUNT, client, SyncListener.NONE);
        int count = handlers.handlers("demo").size();
        importer.run(ACCOUNT, client, SyncListener.NONE);
        assertThat(handlers.handlers("demo")).hasSize(count);
        assertThat(first.stored()).isEqualTo(count - 1);

        assertThat(handlers.handlers("demo")).filteredOn(h -> h.source() == Handler.Source.IMPORTED)
                .extracting(Handler::name).contains("autoreply-news", AutoReplyImport.FOLLOW_REPLY,
                        AutoReplyImport.DEFAULT_REPLY);
        EngineResult news = answer("看看news测试吧");
        assertThat(news.handler().name()).isEqualTo("autoreply-news");
        // reply-all: the last news reply is passive, the first goes out through customer service
        assertThat(news.passive()).isInstanceOfSatisfying(NewsReply.class, n -> assertThat(n.articles())
                .extracting(a -> a.title()).containsExactly("MULTI_NEWS", "MULTI_NEWS4"));
        assertThat(news.extra()).singleElement().isInstanceOfSatisfying(NewsReply.class, n ->
                assertThat(n.articles().get(0).title()).isEqualTo("it's news"));
        assertThat(answer("anything").passive()).isEqualTo(new TextReply("Hello, this is autoreply!"));
        assertThat(answer("mine").passive()).isEqualTo(new TextReply("kept"));
        assertThat(states.get("demo", AutoReplyImport.KIND).orElseThrow().lastResult()).startsWith("ok");
    }
}
