package org.wechatmp.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.reply.Reply;

/** Responses from the fixtures, parsed into the typed model; paging, chunking and streaming. */
class ApiResponsesTest extends WireMockClientTest {

    @Test
    void userInfoIsParsed() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/info")).willReturn(okJson(fixture("user_info.json"))));
        UserInfo u = client.users().info("o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
        assertThat(u.isSubscribed()).isTrue();
        assertThat(u.openid()).isEqualTo("o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
        assertThat(u.nickname()).isEqualTo("Band");
        assertThat(u.sex()).isEqualTo(1);
        assertThat(u.city()).isEqualTo("广州");
        assertThat(u.subscribeTime()).isEqualTo(1382694957L);
        assertThat(u.unionid()).isEqualTo(" o6_bmasdasdsad6_2sgVt7hMZOPfL");
        assertThat(u.tagidList()).isEmpty();
    }

    @Test
    void batchInfoIsChunkedToOneHundredPerCall() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/batchget")).willReturn(okJson(
                fixture("user_info_batchget.json"))));
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> "o" + i).toList();
        List<UserInfo> users = client.users().batchInfo(ids);
        wm.verify(3, postRequestedFor(urlPathEqualTo("/cgi-bin/user/info/batchget")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/user/info/batchget"))
                .withRequestBody(matchingJsonPath("$.user_list[0].openid", equalTo("o200")))
                .withRequestBody(matchingJsonPath("$.user_list.length()", equalTo("50"))));
        wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/user/info/batchget"))
                .withRequestBody(matchingJsonPath("$.user_list.length()", equalTo("100"))));
        assertThat(users).hasSize(6);
        assertThat(users.get(0).nickname()).isEqualTo("iWithery");
        assertThat(users.get(1).isSubscribed()).isFalse();
    }

    @Test
    void followersAreIteratedWithNextOpenid() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid", com.github.tomakehurst
                .wiremock.client.WireMock.absent()).willReturn(okJson(
                "{\"total\":3,\"count\":2,\"data\":{\"openid\":[\"O1\",\"O2\"]},\"next_openid\":\"O2\"}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid", equalTo("O2"))
                .willReturn(okJson("{\"total\":3,\"count\":1,\"data\":{\"openid\":[\"O3\"]},\"next_openid\":\"O3\"}")));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).withQueryParam("next_openid", equalTo("O3"))
                .willReturn(okJson("{\"total\":3,\"count\":0,\"next_openid\":\"\"}")));
        assertThat(client.users().allFollowers().toList()).containsExactly("O1", "O2", "O3");
        wm.verify(3, getRequestedFor(urlPathEqualTo("/cgi-bin/user/get")));
        FollowerPage first = client.users().followers(null);
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.nextOpenid()).isEqualTo("O2");
    }

    @Test
    void followerIterationStopsOnAnEmptyNextOpenidAndIsLazy() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/user/get")).willReturn(okJson(
                "{\"total\":2,\"count\":2,\"data\":{\"openid\":[\"O1\",\"O2\"]},\"next_openid\":\"\"}")));
        assertThat(client.users().allFollowers().toList()).containsExactly("O1", "O2");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/user/get")));
        wm.resetRequests();
        assertThat(client.users().allFollowers().limit(1).toList()).containsExactly("O1");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/user/get")));
    }

    @Test
    void tagsAreListedCreatedAndTheirUsersIterated() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/tags/get")).willReturn(okJson(
                "{\"tags\":[{\"id\":1,\"name\":\"每天一罐可乐星人\",\"count\":0},{\"id\":2,\"name\":\"星标组\",\"count\":2}]}")));
        assertThat(client.tags().list()).containsExactly(new Tag(1, "每天一罐可乐星人", 0), new Tag(2, "星标组", 2));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/tags/create")).willReturn(okJson(
                "{\"tag\":{\"id\":134,\"name\":\"广东\"}}")));
        assertThat(client.tags().create("广东")).isEqualTo(new Tag(134, "广东", 0));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/tag/get")).willReturn(okJson(fixture("user_tag_get.json"))));
        FollowerPage page = client.tags().users(2, null);
        assertThat(page.openids()).containsExactly("OPENID1", "OPENID2");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/tags/getidlist")).willReturn(okJson(
                "{\"tagid_list\":[134,2]}")));
        assertThat(client.tags().tagsOf("o")).containsExactly(134, 2);
    }

    @Test
    void taggingIsChunkedToFifty() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/tags/members/batchtagging")).willReturn(ok()));
        client.tags().tagUsers(7, IntStream.range(0, 120).mapToObj(i -> "o" + i).toList());
        wm.verify(3, postRequestedFor(urlPathEqualTo("/cgi-bin/tags/members/batchtagging")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/tags/members/batchtagging"))
                .withRequestBody(matchingJsonPath("$.openid_list.length()", equalTo("20"))));
    }

    @Test
    void menuGetTreats46003AsNoMenu() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/get")).willReturn(errcode(46003, "menu no exist")));
        assertThat(client.menus().get()).isEmpty();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/get")).willReturn(okJson(fixture("menu_get.json"))));
        assertThat(client.menus().get()).hasValueSatisfying(m ->
                assertThat(m.path("menu").path("button").isArray()).isTrue());
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/menu/addconditional")).willReturn(okJson(
                "{\"menuid\":\"208379533\"}")));
        assertThat(client.menus().addConditional(Map.of("button", List.of()))).isEqualTo("208379533");
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/get_current_selfmenu_info")).willReturn(okJson(
                fixture("get_current_selfmenu_info.json"))));
        assertThat(client.menus().currentSelfMenuInfo().path("is_menu_open").asInt()).isEqualTo(1);
    }

    @Test
    void materialsAreCountedListedAndStreamed() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/material/get_materialcount")).willReturn(okJson(
                fixture("material_get_materialcount.json"))));
        assertThat(client.materials().count()).isEqualTo(new MaterialCount(1, 2, 3, 4));

        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).withRequestBody(matchingJsonPath(
                "$.offset", equalTo("0"))).willReturn(okJson("{\"total_count\":21,\"item_count\":20,\"item\":["
                + IntStream.range(0, 20).mapToObj(i -> "{\"media_id\":\"m" + i + "\",\"name\":\"n" + i
                        + ".jpg\",\"update_time\":1500000000,\"url\":\"http://u/" + i + "\"}")
                        .collect(Collectors.joining(",")) + "]}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).withRequestBody(matchingJsonPath(
                "$.offset", equalTo("20"))).willReturn(okJson("{\"total_count\":21,\"item_count\":1,\"item\":["
                + "{\"media_id\":\"m20\",\"name\":\"last.jpg\",\"update_time\":1,\"url\":\"http://u/20\"}]}")));
        List<MaterialItem> all = client.materials().all(MaterialType.IMAGE).toList();
        assertThat(all).hasSize(21);
        assertThat(all.get(20)).isEqualTo(new MaterialItem("m20", "last.jpg", 1, "http://u/20", List.of()));
        wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/material/batchget_material")));

        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/get_material")).withRequestBody(equalToJson(
                "{\"media_id\":\"IMG\"}")).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withHeader("Content-Disposition", "attachment; filename=\"a.png\"").withBody(new byte[] {1, 2, 3})));
        try (MediaDownload d = client.materials().download("IMG")) {
            assertThat(d.contentType()).isEqualTo("image/png");
            assertThat(d.fileName()).isEqualTo("a.png");
            assertThat(d.readAllBytes()).containsExactly(1, 2, 3);
        }
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/get_material")).withRequestBody(equalToJson(
                "{\"media_id\":\"VID\"}")).willReturn(okJson(
                "{\"title\":\"v\",\"description\":\"d\",\"down_url\":\"http://x\"}")));
        assertThat(client.materials().getVideo("VID")).isEqualTo(new VideoMaterial("v", "d", "http://x"));
        assertThatThrownBy(() -> client.materials().download("VID")).isInstanceOf(WeChatException.class);
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/get_material")).withRequestBody(equalToJson(
                "{\"media_id\":\"NEWS\"}")).willReturn(okJson(
                "{\"news_item\":[{\"title\":\"T\",\"thumb_media_id\":\"M\",\"show_cover_pic\":1,\"url\":\"http://a\"}]}")));
        List<NewsArticle> news = client.materials().getNews("NEWS");
        assertThat(news).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("T");
            assertThat(a.thumbMediaId()).isEqualTo("M");
            assertThat(a.showCoverPic()).isEqualTo(1);
        });
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/get_material")).withRequestBody(equalToJson(
                "{\"media_id\":\"GONE\"}")).willReturn(errcode(40007, "invalid media_id")));
        assertThatThrownBy(() -> client.materials().download("GONE"))
                .isInstanceOf(org.wechatmp.core.WeChatApiException.class);
    }

    @Test
    void newsMaterialsInAListingCarryTheirArticles() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/batchget_material")).willReturn(okJson(
                "{\"total_count\":1,\"item_count\":1,\"item\":[{\"media_id\":\"N1\",\"content\":{\"news_item\":["
                        + "{\"title\":\"a\",\"thumb_media_id\":\"t1\"},{\"title\":\"b\",\"thumb_media_id\":\"t2\"}],"
                        + "\"update_time\":1600000000},\"update_time\":1600000001}]}")));
        MaterialPage page = client.materials().list(MaterialType.NEWS, 0, 20);
        assertThat(page.items().get(0).articles()).extracting(NewsArticle::thumbMediaId).containsExactly("t1", "t2");
        assertThat(page.items().get(0).updateTime()).isEqualTo(1600000001L);
    }

    @Test
    void uploadsReturnTheirIds() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/media/upload")).willReturn(okJson(fixture("media_upload.json"))));
        assertThat(client.media().upload(MaterialType.IMAGE, "a.jpg", new byte[] {1}))
                .isEqualTo(new MediaUpload("image", "12345678", 123456789L));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/material/add_material")).willReturn(okJson(
                "{\"media_id\":\"MID\",\"url\":\"http://img\"}")));
        assertThat(client.materials().add(MaterialType.IMAGE, "a.png", new byte[] {1}))
                .isEqualTo(new AddedMaterial("MID", "http://img"));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/media/uploadimg")).willReturn(okJson(fixture("media_uploadimg.json"))));
        assertThat(client.materials().uploadArticleImage("a.png", new byte[] {1})).startsWith("http");
    }

    @Test
    void autoReplyInfoIsModelledFully() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/get_current_autoreply_info")).willReturn(okJson(
                fixture("get_current_autoreply_info.json"))));
        AutoReplyInfo info = client.autoReplies().current();
        assertThat(info.isAddFriendReplyOpen()).isEqualTo(1);
        assertThat(info.isAutoreplyOpen()).isEqualTo(1);
        assertThat(info.addFriendAutoreplyInfo()).isEqualTo(new AutoReplyInfo.Content("text",
                "Thanks for your attention!"));
        assertThat(info.messageDefaultAutoreplyInfo().content()).isEqualTo("Hello, this is autoreply!");
        assertThat(info.keywordRules()).hasSizeGreaterThanOrEqualTo(2);
        AutoReplyInfo.KeywordRule news = info.keywordRules().get(0);
        assertThat(news.ruleName()).isEqualTo("autoreply-news");
        assertThat(news.createTime()).isEqualTo(1423028166L);
        assertThat(news.replyMode()).isEqualTo("reply_all");
        assertThat(news.keywordListInfo()).containsExactly(new AutoReplyInfo.Keyword("text", "contain", "news测试"));
        AutoReplyInfo.ReplyItem item = news.replyListInfo().get(0);
        assertThat(item.type()).isEqualTo("news");
        AutoReplyInfo.News article = item.newsInfo().list().get(0);
        assertThat(article.title()).isEqualTo("it's news");
        assertThat(article.author()).isEqualTo("jim");
        assertThat(article.showCover()).isEqualTo(1);
        assertThat(article.coverUrl()).startsWith("http://mmbiz.qpic.cn/");
        assertThat(article.contentUrl()).startsWith("http://mp.weixin.qq.com/s?");
    }

    @Test
    void templatesAndQrCodes() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/template/get_all_private_template")).willReturn(okJson(
                "{\"template_list\":[{\"template_id\":\"iPk5\",\"title\":\"领取奖金提醒\",\"primary_industry\":\"IT\","
                        + "\"deputy_industry\":\"互联网\",\"content\":\"{{result.DATA}}\",\"example\":\"您已提交\"}]}")));
        assertThat(client.templates().list()).containsExactly(new Template("iPk5", "领取奖金提醒", "IT", "互联网",
                "{{result.DATA}}", "您已提交"));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/template/send")).willReturn(okJson(
                "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":200228332}")));
        assertThat(client.templates().send(TemplateMessage.of("o", "t", Map.of("a", "b")))).isEqualTo(200228332L);
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/qrcode/create")).willReturn(okJson(fixture("qrcode_create.json"))));
        QrCode qr = client.qrCodes().permanent("scene-1");
        assertThat(qr.expireSeconds()).isEqualTo(1800);
        assertThat(qr.url()).isEqualTo("https://weixin.qq.com/q/kZgfwMTm72WWPkovabbI");
        assertThat(qr.showUrl()).isEqualTo("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket="
                + "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw%3D%3D");
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/qrcode/create")).withRequestBody(equalToJson(
                "{\"action_name\":\"QR_LIMIT_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"scene-1\"}}}")));
    }

    @Test
    void repliesGoOutAsCustomerServiceMessages() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(ok()));
        assertThat(client.messages().send("o", Reply.text("hello"))).isTrue();
        assertThat(client.messages().send("o", Reply.empty())).isFalse();
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")).withRequestBody(equalToJson(
                "{\"touser\":\"o\",\"msgtype\":\"text\",\"text\":{\"content\":\"hello\"}}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/typing")).willReturn(ok()));
        client.messages().typing("o", true);
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/typing")).withRequestBody(equalToJson(
                "{\"touser\":\"o\",\"command\":\"Typing\"}")));
    }

    @Test
    void rawCallsCarryTheTokenAndErrcodeHandling() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/shorturl")).willReturn(okJson(
                "{\"errcode\":0,\"short_url\":\"http://w.url.cn/s/x\"}")));
        assertThat(client.post("/cgi-bin/shorturl", Map.of("action", "long2short", "long_url", "http://a"))
                .path("short_url").asText()).isEqualTo("http://w.url.cn/s/x");
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/shorturl")).withQueryParam("access_token",
                equalTo("TOKEN1")));
    }

    @Test
    void draftsAndPublishing() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/draft/add")).willReturn(okJson("{\"media_id\":\"D1\"}")));
        assertThat(client.drafts().add(List.of(new DraftArticle("t", null, null, "c", null, "th", 0, 0))))
                .isEqualTo("D1");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/freepublish/submit")).willReturn(okJson(
                "{\"errcode\":0,\"publish_id\":\"100000001\"}")));
        assertThat(client.freePublish().submit("D1")).isEqualTo("100000001");
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/draft/count")).willReturn(okJson("{\"total_count\":7}")));
        assertThat(client.drafts().count()).isEqualTo(7);
    }

    @Test
    void paginationNeverLoopsOnACursorThatDoesNotMove() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/tags/members/getblacklist")).willReturn(okJson(
                "{\"total\":9,\"count\":1,\"data\":{\"openid\":[\"B1\"]},\"next_openid\":\"B1\"}")));
        List<String> ids = new ArrayList<>();
        client.users().allBlacklisted().limit(100).forEach(ids::add);
        assertThat(ids).hasSizeLessThan(100).containsOnly("B1");
        wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/tags/members/getblacklist")));
    }
}
