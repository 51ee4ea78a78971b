package org.wechatmp.core.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.spi.InMemoryMaterialRepository;
import org.wechatmp.core.spi.InMemoryMenuRepository;
import org.wechatmp.core.client.InMemoryTokenStore;

class MaterialCleanupTest {
    @Test
    void findsWhatNothingUsesAndDeletesItInWeChatThenLocally() throws Exception {
        InMemoryMaterialRepository materials = new InMemoryMaterialRepository();
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        InMemoryMenuRepository menus = new InMemoryMenuRepository();
        for (String id : List.of("usedByHandler", "usedByMenu", "usedAsThumb", "orphan1", "orphan2")) {
            materials.save("demo", "image", new MaterialItem(id, id, 1, "", List.of()));
        }
        materials.save("demo", "news", new MaterialItem("N1", "", 1, "", List.of(new NewsArticle("t",
                "usedAsThumb", "", 0, "", "", "", "", "", 0, 0))));
        handlers.save("demo", Handler.builder("h").rule(Rule.all()).reply(HandlerReply.image("usedByHandler"))
                .reply(HandlerReply.news("N1")).build());
        menus.save("demo", new ObjectMapper().readTree("{\"button\":[{\"name\":\"m\",\"type\":\"media_id\","
                + "\"media_id\":\"usedByMenu\"}]}"));
        MaterialCleanup cleanup = new MaterialCleanup(materials, handlers, menus);
        assertThat(cleanup.unused("demo")).containsExactly("orphan1", "orphan2");

        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try {
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/del_material")).willReturn(okJson("{\"errcode\":0}")));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/del_material")).withRequestBody(equalToJson(
                    "{\"media_id\":\"orphan2\"}")).willReturn(okJson("{\"errcode\":40007,\"errmsg\":\"invalid media_id\"}")));
            WeChatClient client = WeChatClient.builder("wx", "s").baseUrl(wm.baseUrl())
                    .tokenStore(new InMemoryTokenStore()).build();
            assertThat(cleanup.delete(Account.of("demo", "wx", "s", "t"), client, cleanup.unused("demo")))
                    .containsExactly("orphan1", "orphan2");
            wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/material/del_material")));
            assertThat(cleanup.unused("demo")).isEmpty();
            assertThat(materials.mediaIds("demo", "image")).containsExactlyInAnyOrder("usedByHandler", "usedByMenu",
                    "usedAsThumb");
        } finally {
            wm.stop();
        }
    }

    @Test
    void draftsPublishedArticlesAndConditionalMenusCountAsUses() throws Exception {
        InMemoryMaterialRepository materials = new InMemoryMaterialRepository();
        InMemoryMenuRepository menus = new InMemoryMenuRepository();
        for (String id : List.of("draftCover", "publishedCover", "inBody", "inConditional", "orphan")) {
            materials.save("demo", "image", new MaterialItem(id, id, 1, "https://img.example/" + id + ".png",
                    List.of()));
        }
        menus.replaceConditionalMenus("demo", java.util.Map.of("401", new ObjectMapper().readTree(
                "{\"button\":[{\"name\":\"m\",\"type\":\"media_id\",\"media_id\":\"inConditional\"}],"
                + "\"matchrule\":{\"tag_id\":\"2\"}}")));
        MaterialCleanup cleanup = new MaterialCleanup(materials, new InMemoryHandlerRepository(), menus);
        assertThat(cleanup.unused("demo")).containsExactly("draftCover", "inBody", "orphan", "publishedCover");

        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try {
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/draft/batchget")).willReturn(okJson("{\"total_count\":1,"
                    + "\"item_count\":1,\"item\":[{\"media_id\":\"D1\",\"content\":{\"news_item\":[{\"title\":"
                    + "\"d\",\"thumb_media_id\":\"draftCover\",\"content\":\"<p><img src=\\\"https://img.example/"
                    + "inBody.png\\\"></p>\"}]}}]}")));
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/freepublish/batchget")).willReturn(okJson("{\"total_count\":1,"
                    + "\"item_count\":1,\"item\":[{\"article_id\":\"A1\",\"content\":{\"news_item\":[{\"title\":"
                    + "\"p\",\"thumb_media_id\":\"publishedCover\",\"content\":\"<p>x</p>\"}]}}]}")));
            WeChatClient client = WeChatClient.builder("wx", "s").baseUrl(wm.baseUrl())
                    .tokenStore(new InMemoryTokenStore()).build();
            assertThat(cleanup.unused(Account.of("demo", "wx", "s", "t"), client)).containsExactly("orphan");
        } finally {
            wm.stop();
        }
    }
}
