package org.wechatmp.examples.wechatdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.WeChatClient;

/** The double's menus are stateful and answer WeChat's errcodes. */
class WeChatDoubleMenusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    WeChatDouble dbl;
    WeChatClient client;

    @BeforeEach
    void start() {
        dbl = WeChatDouble.start(0);
        client = WeChatClient.builder(Defaults.APP_ID, Defaults.SECRET).baseUrl(dbl.baseUrl())
                .tokenStore(new InMemoryTokenStore()).build();
    }

    @AfterEach
    void stop() {
        dbl.close();
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void createThenGetAndSelfMenuReturnIt() throws Exception {
        assertThat(client.menus().currentSelfMenuInfo().path("selfmenu_info").path("button").get(1).path("type")
                .asText()).isEqualTo("text");
        client.menus().create(json("{\"button\":[{\"type\":\"click\",\"name\":\"今日歌曲\",\"key\":\"K1\"},"
                + "{\"name\":\"菜单\",\"sub_button\":[{\"type\":\"view\",\"name\":\"搜索\",\"url\":\"https://a.example\"}]}]}"));
        JsonNode got = client.menus().get().orElseThrow();
        assertThat(got.path("menu").path("button").get(0).path("key").asText()).isEqualTo("K1");
        JsonNode self = client.menus().currentSelfMenuInfo();
        assertThat(self.path("selfmenu_info").path("button").get(1).path("sub_button").path("list").get(0)
                .path("url").asText()).isEqualTo("https://a.example");
        client.menus().delete();
        assertThat(client.menus().get()).isEmpty();
    }

    @Test
    void invalidMenusGetWeChatsErrcodes() throws Exception {
        assertThatThrownBy(() -> client.menus().create(json("{\"button\":[{\"type\":\"click\","
                + "\"name\":\"一二三四五六\",\"key\":\"k\"}]}"))).isInstanceOf(WeChatApiException.class)
                .extracting(e -> ((WeChatApiException) e).errcode()).isEqualTo(40018);
        assertThatThrownBy(() -> client.menus().create(json("{\"button\":[{\"type\":\"click\",\"name\":\"a\","
                + "\"key\":\"k\"},{\"type\":\"click\",\"name\":\"b\",\"key\":\"k\"},{\"type\":\"click\","
                + "\"name\":\"c\",\"key\":\"k\"},{\"type\":\"click\",\"name\":\"d\",\"key\":\"k\"}]}")))
                .extracting(e -> ((WeChatApiException) e).errcode()).isEqualTo(40016);
    }

    @Test
    void conditionalMenusByTagAndTryMatch() throws Exception {
        client.menus().delete();
        assertThatThrownBy(() -> client.menus().addConditional(json("{\"button\":[{\"type\":\"click\",\"name\":"
                + "\"x\",\"key\":\"x\"}],\"matchrule\":{\"tag_id\":\"100\"}}")))
                .extracting(e -> ((WeChatApiException) e).errcode()).isEqualTo(65303);
        client.menus().create(json("{\"button\":[{\"type\":\"click\",\"name\":\"default\",\"key\":\"D\"}]}"));
        assertThatThrownBy(() -> client.menus().addConditional(json("{\"button\":[{\"type\":\"click\",\"name\":"
                + "\"x\",\"key\":\"x\"}],\"matchrule\":{\"sex\":\"1\"}}")))
                .extracting(e -> ((WeChatApiException) e).errcode()).isEqualTo(65320);
        String id = client.menus().addConditional(json("{\"button\":[{\"type\":\"click\",\"name\":\"vip\","
                + "\"key\":\"V\"}],\"matchrule\":{\"tag_id\":\"100\"}}"));
        assertThat(id).isNotBlank();
        assertThat(client.menus().get().orElseThrow().path("conditionalmenu").get(0).path("menuid").asText())
                .isEqualTo(id);
        client.tags().tagUsers(100, List.of("oVip"));
        assertThat(client.menus().tryMatch("oVip").path("button").get(0).path("name").asText()).isEqualTo("vip");
        assertThat(client.menus().tryMatch("oOther").path("button").get(0).path("name").asText())
                .isEqualTo("default");
        client.menus().deleteConditional(id);
        assertThat(client.menus().tryMatch("oVip").path("button").get(0).path("name").asText())
                .isEqualTo("default");
        assertThatThrownBy(() -> client.menus().deleteConditional(id))
                .extracting(e -> ((WeChatApiException) e).errcode()).isEqualTo(65301);
        assertThat(dbl.requestBodies("/cgi-bin/menu/addconditional")).hasSize(3);
    }
}
