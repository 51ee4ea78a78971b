package org.wechatmp.examples.wechatdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.spi.InMemoryMaterialRepository;
import org.wechatmp.core.sync.AutoReplyImport;
import org.wechatmp.core.sync.InMemorySyncStateStore;
import org.wechatmp.core.sync.SyncException;
import org.wechatmp.core.sync.SyncListener;

/** The console auto-reply sample imports through core's import, an armed errcode fails it, published articles. */
class WeChatDoubleAutoReplyTest {
    static WeChatDouble dbl;
    static WeChatClient client;

    @BeforeAll
    static void start() {
        dbl = WeChatDouble.start(0);
        client = WeChatClient.builder(Defaults.APP_ID, Defaults.SECRET).baseUrl(dbl.baseUrl())
                .tokenStore(new InMemoryTokenStore()).build();
    }

    @AfterAll
    static void stop() {
        dbl.close();
    }

    @Test
    void theConsoleSampleImportsKeywordNewsImageFollowAndDefaultReplies() {
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        InMemoryMaterialRepository materials = new InMemoryMaterialRepository();
        AutoReplyImport imp = new AutoReplyImport(handlers, materials, new InMemorySyncStateStore(),
                Clock.systemUTC());
        Account account = Account.of("d", Defaults.APP_ID, Defaults.SECRET, "t");
        imp.run(account, client, SyncListener.NONE);
        List<Handler> all = handlers.handlers("d");
        assertThat(all).extracting(Handler::name).contains("营业时间", "新品推荐", "优惠券", AutoReplyImport.FOLLOW_REPLY,
                AutoReplyImport.DEFAULT_REPLY);
        Handler news = all.stream().filter(h -> h.name().equals("新品推荐")).findFirst().orElseThrow();
        assertThat(news.replies()).singleElement().extracting(HandlerReply::type).isEqualTo(HandlerReply.Type.NEWS);
        assertThat(materials.articles("d", news.replies().get(0).mediaId())).hasSize(2);
        Handler hours = all.stream().filter(h -> h.name().equals("营业时间")).findFirst().orElseThrow();
        assertThat(hours.rules()).hasSize(2);
        assertThat(hours.replies()).extracting(HandlerReply::type).containsExactly(HandlerReply.Type.TEXT,
                HandlerReply.Type.IMAGE);
        imp.run(account, client, SyncListener.NONE);
        assertThat(handlers.handlers("d")).hasSize(all.size());

        dbl.autoReplyError(48001);
        try {
            assertThatThrownBy(() -> imp.run(account, client, SyncListener.NONE)).isInstanceOf(SyncException.class)
                    .hasMessageContaining("48001");
        } finally {
            dbl.autoReplyError(0);
        }
    }

    @Test
    void aPublishedArticleIsServedAndAnUnknownIdAnswers53600() {
        List<NewsArticle> articles = client.freePublish().article("ARTICLE_ID_DEMO_PUBLISHED");
        assertThat(articles).singleElement().extracting(NewsArticle::title).isEqualTo("门店搬迁公告");
        assertThatThrownBy(() -> client.freePublish().article("nope")).hasMessageContaining("53600");
    }
}
