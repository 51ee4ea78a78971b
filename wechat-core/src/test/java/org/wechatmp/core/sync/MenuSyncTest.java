package org.wechatmp.core.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.reply.TextReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.spi.InMemoryMenuRepository;
import org.wechatmp.core.client.InMemoryTokenStore;

class MenuSyncTest {
    static final Account ACCOUNT = Account.of("demo", "wx1", "s", "t");
    static final ObjectMapper JSON = new ObjectMapper();
    WireMockServer wm;
    InMemoryMenuRepository menus = new InMemoryMenuRepository();
    InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
    WeChatClient client;
    MenuSync sync;

    @BeforeEach
    void start() throws Exception {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
        try (InputStream in = getClass().getResourceAsStream("/vectors/fixtures/get_current_selfmenu_info.json")) {
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/get_current_selfmenu_info")).willReturn(okJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8))));
        }
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/menu/create")).willReturn(okJson("{\"errcode\":0}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/get")).willReturn(okJson("{\"menu\":{\"button\":[]},"
                + "\"conditionalmenu\":[{\"button\":[{\"type\":\"click\",\"name\":\"vip\",\"key\":\"V\"}],"
                + "\"matchrule\":{\"tag_id\":\"2\"},\"menuid\":\"208379533\"}]}")));
        client = WeChatClient.builder("wx1", "s").baseUrl(wm.baseUrl()).tokenStore(new InMemoryTokenStore()).build();
        sync = new MenuSync(menus, handlers, new InMemorySyncStateStore(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void importTurnsValueButtonsIntoClickButtonsWithHandlersAndPublishesTheResult() {
        SyncResult r = sync.importMenu(ACCOUNT, client);
        assertThat(r.stored()).isEqualTo(7);
        JsonNode menu = menus.menu("demo").orElseThrow();
        assertThat(MenuSync.validate(menu)).isEmpty();
        JsonNode text = menu.path("button").get(1);
        assertThat(text.path("type").asText()).isEqualTo("click");
        assertThat(text.path("key").asText()).startsWith("wechatmp:");
        assertThat(menu.path("button").get(0).path("sub_button").get(0).path("url").asText())
                .isEqualTo("http://www.qq.com");
        assertThat(handlers.handlers("demo")).allMatch(h -> h.source() == Handler.Source.MENU).hasSize(5);

        // the generated handler answers the click with the console's value
        var click = MessageParser.defaults().parse("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName>"
                + "<MsgType>event</MsgType><Event>CLICK</Event><EventKey>" + text.path("key").asText()
                + "</EventKey></xml>");
        var result = ReplyEngine.builder(handlers).build().handle(new MessageContext(ACCOUNT, click, null, null,
                new byte[0], Map.of()), Duration.ofSeconds(10)); // a deadline a busy machine keeps
        assertThat(result.passive()).isEqualTo(new TextReply("This is text!"));

        assertThat(menus.conditionalMenus("demo")).containsOnlyKeys("208379533");
        assertThat(menus.conditionalMenus("demo").get("208379533").path("matchrule").path("tag_id").asText())
                .isEqualTo("2");
        // a re-import replaces the generated handlers
        sync.importMenu(ACCOUNT, client);
        assertThat(handlers.handlers("demo")).hasSize(5);

        sync.publish(ACCOUNT, client);
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/menu/create")).withRequestBody(equalToJson(menu
                .toString())));
        assertThat(menus.published("demo")).contains(menu);
    }

    @Test
    void aConsoleNewsButtonAnswersWithItsArticlesStoredLocally() {
        var materials = new org.wechatmp.core.spi.InMemoryMaterialRepository();
        MenuSync withMaterials = new MenuSync(menus, handlers, materials, new InMemorySyncStateStore(),
                Clock.systemUTC());
        withMaterials.importMenu(ACCOUNT, client);
        Handler news = handlers.handlers("demo").stream().filter(h -> h.name().equals("menu: news")).findFirst()
                .orElseThrow();
        String mediaId = news.replies().get(0).mediaId();
        assertThat(mediaId).startsWith("imported-"); // the console's answer carries no media id for it
        assertThat(materials.articles("demo", mediaId)).extracting(a -> a.title())
                .containsExactly("MULTI_NEWS", "MULTI_NEWS1");
        String key = menus.menu("demo").orElseThrow().path("button").get(0).path("sub_button").findValues("key")
                .stream().map(JsonNode::asText).filter(k -> news.rules().get(0).key().equals(k)).findFirst()
                .orElseThrow();
        var click = MessageParser.defaults().parse("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName>"
                + "<MsgType>event</MsgType><Event>CLICK</Event><EventKey>" + key + "</EventKey></xml>");
        var result = ReplyEngine.builder(handlers).materials(materials).build().handle(new MessageContext(ACCOUNT,
                click, null, null, new byte[0], Map.of()), Duration.ofSeconds(10));
        assertThat(result.passive()).isInstanceOf(org.wechatmp.core.reply.NewsReply.class);
        assertThat(((org.wechatmp.core.reply.NewsReply) result.passive()).articles()).hasSize(2);
    }

    @Test
    void invalidMenusAreRefusedBeforeAnythingIsSent() throws Exception {
        menus.save("demo", JSON.readTree("{\"button\":[{\"name\":\"a\",\"type\":\"click\",\"key\":\"k\"},"
                + "{\"name\":\"b\",\"type\":\"view\"},{\"name\":\"c\",\"type\":\"teleport\",\"key\":\"k\"},"
                + "{\"name\":\"d\",\"type\":\"click\",\"key\":\"k\"}]}"));
        assertThatThrownBy(() -> sync.publish(ACCOUNT, client)).isInstanceOf(WeChatException.class)
                .hasMessageContaining("1 to 3 buttons");
        menus.save("demo", JSON.readTree("{\"button\":[{\"name\":\"这是一个非常长的菜单名字\",\"type\":\"click\","
                + "\"key\":\"k\"},{\"name\":\"b\",\"type\":\"view\"},{\"name\":\"c\",\"sub_button\":["
                + "{\"name\":\"1\",\"type\":\"click\",\"key\":\"1\"},{\"name\":\"2\",\"type\":\"click\",\"key\":\"2\"},"
                + "{\"name\":\"3\",\"type\":\"click\",\"key\":\"3\"},{\"name\":\"4\",\"type\":\"click\",\"key\":\"4\"},"
                + "{\"name\":\"5\",\"type\":\"click\",\"key\":\"5\"},{\"name\":\"6\",\"type\":\"teleport\"}]}]}"));
        assertThat(MenuSync.validate(menus.menu("demo").orElseThrow())).hasSize(4);
        assertThatThrownBy(() -> sync.publish(ACCOUNT, client)).isInstanceOf(WeChatException.class);
        wm.verify(0, postRequestedFor(urlPathEqualTo("/cgi-bin/menu/create")));
    }
}
