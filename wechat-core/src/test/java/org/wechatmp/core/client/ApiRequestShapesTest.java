package org.wechatmp.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Vectors;
import org.wechatmp.core.reply.Article;

/**
 * The request of every modelled call, compared with {@code api_request_shapes.json}: method, path, query (without the
 * access token) and JSON body.
 */
class ApiRequestShapesTest extends WireMockClientTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] FILE = "binary-data".getBytes(StandardCharsets.UTF_8);
    static final Map<String, Consumer<WeChatClient>> CALLS = new LinkedHashMap<>();

    static void call(String id, Consumer<WeChatClient> c) {
        CALLS.put(id, c);
    }

    static {
        call("user.get#0", c -> c.users().info("OPENID"));
        call("user.get#1", c -> c.users().info("OPENID", "en"));
        call("user.get_followers#0", c -> c.users().followers(null));
        call("user.get_followers#1", c -> c.users().followers("NEXT_OPENID"));
        call("user.update_remark#0", c -> c.users().updateRemark("OPENID", "备注名"));
        call("user.get_batch#0", c -> c.users().batchInfo(List.of("OPENID1", "OPENID2")));
        call("user.get_batch#1", c -> c.users().batchInfo(List.of("OPENID1"), "en"));
        call("tag.create#0", c -> c.tags().create("标签"));
        call("tag.get#0", c -> c.tags().list());
        call("tag.update#0", c -> c.tags().update(101, "新名"));
        call("tag.delete#0", c -> c.tags().delete(101));
        call("tag.tag_user#0", c -> c.tags().tagUsers(101, List.of("OPENID")));
        call("tag.tag_user#1", c -> c.tags().tagUsers(101, List.of("O1", "O2")));
        call("tag.untag_user#0", c -> c.tags().untagUsers(101, List.of("O1")));
        call("tag.get_user_tag#0", c -> c.tags().tagsOf("OPENID"));
        call("tag.get_tag_users#0", c -> c.tags().users(101, null));
        call("tag.get_tag_users#1", c -> c.tags().users(101, "NEXT"));
        call("tag.get_black_list#0", c -> c.users().blacklist(null));
        call("tag.get_black_list#1", c -> c.users().blacklist("BEGIN"));
        call("tag.batch_black_list#0", c -> c.users().blacklistAdd(List.of("O1")));
        call("tag.batch_unblack_list#0", c -> c.users().blacklistRemove(List.of("O1")));
        call("menu.get#0", c -> c.menus().get());
        call("menu.create#0", c -> c.menus().create(arg("menu.create", 0)));
        call("menu.delete#0", c -> c.menus().delete());
        call("menu.get_menu_info#0", c -> c.menus().currentSelfMenuInfo());
        call("menu.add_conditional#0", c -> c.menus().addConditional(arg("menu.add_conditional", 0)));
        call("menu.del_conditional#0", c -> c.menus().deleteConditional("208379533"));
        call("menu.try_match#0", c -> c.menus().tryMatch("weixin_or_openid"));
        call("material.add#0", c -> c.materials().add(MaterialType.IMAGE, "media", FILE));
        call("material.add#1", c -> c.materials().addVideo("media", FILE, "标题", "介绍"));
        call("material.get#0", c -> c.materials().getNews("MEDIA_ID"));
        call("material.delete#0", c -> c.materials().delete("MEDIA_ID"));
        call("material.batchget#0", c -> c.materials().list(MaterialType.NEWS, 0, 20));
        call("material.batchget#1", c -> c.materials().list(MaterialType.IMAGE, 20, 10));
        call("material.get_count#0", c -> c.materials().count());
        call("media.upload#0", c -> c.media().upload(MaterialType.IMAGE, "media", FILE));
        call("media.download#0", c -> c.media().download("MEDIA_ID").readAllBytes());
        call("media.upload_image#0", c -> c.materials().uploadArticleImage("media", FILE));
        call("draft.add#0", c -> c.drafts().add(List.of(new DraftArticle("标题", "作者", "摘要", "<p>正文</p>",
                "http://x", "THUMB", 0, 0))));
        call("draft.get#0", c -> c.drafts().get("MEDIA_ID"));
        call("draft.delete#0", c -> c.drafts().delete("MEDIA_ID"));
        call("draft.count#0", c -> c.drafts().count());
        call("draft.batchget#0", c -> c.drafts().list(0, 20, false));
        call("draft.batchget#1", c -> c.drafts().list(20, 10, true));
        call("freepublish.submit#0", c -> c.freePublish().submit("MEDIA_ID"));
        call("freepublish.get#0", c -> c.freePublish().status("PUBLISH_ID"));
        call("freepublish.delete#0", c -> c.freePublish().delete("ARTICLE_ID", 0));
        call("freepublish.delete#1", c -> c.freePublish().delete("ARTICLE_ID", 1));
        call("freepublish.getarticle#0", c -> c.freePublish().article("ARTICLE_ID"));
        call("freepublish.batchget#0", c -> c.freePublish().list(0, 20, false));
        call("message.send_text#0", c -> c.messages().sendText("OPENID", "你好"));
        call("message.send_text#1", c -> c.messages().sendText("OPENID", "hi", "kf2001@gh_test"));
        call("message.send_image#0", c -> c.messages().sendImage("OPENID", "MEDIA_ID"));
        call("message.send_voice#0", c -> c.messages().sendVoice("OPENID", "MEDIA_ID"));
        call("message.send_video#0", c -> c.messages().sendVideo("OPENID", "MEDIA_ID", null, "title", "desc"));
        call("message.send_music#0", c -> c.messages().sendMusic("OPENID", "http://m", "http://hq", "THUMB", "t",
                "d"));
        call("message.send_articles#0", c -> c.messages().sendNews("OPENID", new Article("t", "d", "http://p",
                "http://u")));
        call("message.send_articles#1", c -> c.messages().sendMpNews("OPENID", "MPNEWS_MEDIA_ID"));
        call("message.send_mini_program_page#0", c -> c.messages().sendMiniProgramPage("OPENID", "t", "wxa", "p",
                "m"));
        call("message.send_msg_menu#0", c -> c.messages().sendMsgMenu("OPENID", "h",
                List.of(new MessagesApi.MenuOption("101", "yes")), "t"));
        call("message.send_template#0", c -> c.templates().send(new TemplateMessage("OPENID", "TEMPLATE_ID", null,
                null, Map.of("first", new TemplateMessage.Value("恭喜", "#173177")), null)));
        call("message.send_template#1", c -> c.templates().send(TemplateMessage.of("OPENID", "TEMPLATE_ID",
                Map.of("k", "v")).withUrl("http://u").withMiniProgram("wxa", "p")));
        call("message.get_autoreply_info#0", c -> c.autoReplies().current());
        call("template.get_all_private_template#0", c -> c.templates().list());
        call("template.del_private_template#0", c -> c.templates().delete("TEMPLATE_ID"));
        call("qrcode.create#0", c -> c.qrCodes().temporary(123, Duration.ofDays(7)));
        call("jsapi.get_jsapi_ticket#0", c -> c.jsapi().ticket());
        call("misc.get_wechat_ips#0", c -> c.get("/cgi-bin/getcallbackip", Map.of()));
    }

    static Object arg(String call, int index) {
        for (JsonNode c : Vectors.load("api_request_shapes.json").path("calls")) {
            if (c.path("call").asText().equals(call)) {
                return c.path("args").get(index);
            }
        }
        throw new AssertionError(call);
    }

    static Stream<Arguments> vectors() {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : Vectors.load("api_request_shapes.json").path("calls")) {
            String name = c.path("call").asText();
            int n = seen.merge(name, 1, Integer::sum) - 1;
            String id = name + "#" + n;
            if (CALLS.containsKey(id) && c.path("requests").size() > 0) {
                out.add(Arguments.of(id, c.path("requests").get(0)));
            }
        }
        assertThat(out).hasSize(CALLS.size());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void requestMatchesTheVector(String id, JsonNode expected) throws Exception {
        wm.stubFor(any(anyUrl()).atPriority(10).willReturn(ok()));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"ticket\":\"T\",\"expires_in\":7200}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/media/get")).willReturn(aResponse()
                .withHeader("Content-Type", "image/jpeg").withBody(FILE)));
        stubToken("ACCESS_TOKEN", 7200);
        CALLS.get(id).accept(client);

        List<LoggedRequest> requests = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                anyUrl())).stream().filter(r -> !r.getUrl().startsWith("/cgi-bin/token")).toList();
        assertThat(requests).hasSize(1);
        LoggedRequest actual = requests.get(0);
        HttpUrl expectedUrl = HttpUrl.get(expected.path("url").asText());
        assertThat(actual.getMethod().getName()).isEqualTo(expected.path("method").asText());
        assertThat(HttpUrl.get(actual.getAbsoluteUrl()).encodedPath()).isEqualTo(expectedUrl.encodedPath());

        Map<String, List<String>> expectedQuery = new LinkedHashMap<>();
        for (JsonNode q : expected.path("query")) {
            expectedQuery.computeIfAbsent(q.get(0).asText(), k -> new ArrayList<>()).add(q.get(1).asText());
        }
        Map<String, List<String>> actualQuery = new LinkedHashMap<>();
        HttpUrl actualUrl = HttpUrl.get(actual.getAbsoluteUrl());
        for (String name : actualUrl.queryParameterNames()) {
            actualQuery.put(name, actualUrl.queryParameterValues(name));
        }
        assertThat(actualQuery.remove("access_token")).containsExactly("ACCESS_TOKEN");
        expectedQuery.remove("access_token");
        if (expectedQuery.containsKey("description")) {
            // wechatpy's description JSON is ASCII-escaped; compare its meaning
            assertThat(JSON.readTree(actualQuery.remove("description").get(0)))
                    .isEqualTo(JSON.readTree(expectedQuery.remove("description").get(0)));
        }
        assertThat(actualQuery).isEqualTo(expectedQuery);

        JsonNode body = expected.path("body");
        if (body.has("json_text")) {
            assertThat(actual.getHeader("Content-Type")).startsWith("application/json");
            assertThat(JSON.readTree(actual.getBodyAsString())).isEqualTo(JSON.readTree(body.path("json_text")
                    .asText()));
            // Chinese is sent as UTF-8, not escaped
            assertThat(actual.getBodyAsString()).doesNotContain("\\u");
        } else if (body.has("multipart_form_data")) {
            assertThat(actual.getHeader("Content-Type")).startsWith("multipart/form-data");
            assertThat(actual.getBodyAsString()).contains("name=\"media\"; filename=\"media\"")
                    .contains("binary-data");
        } else {
            assertThat(actual.getBody()).isEmpty();
        }
    }
}
