package org.wechatmp.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
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

/**
 * The requests of the groups added for subscription notifications, mass sending, customer service, comments, data
 * cube, template industry, network, quota and short keys: first against wechatpy's {@code api_request_shapes.json},
 * then, for calls the vectors lack, against the request WeChat's documentation gives.
 *
 * <p>Normalisation of the vectors, each a deliberate difference: {@code null} members are dropped (the client omits
 * what is unset, e.g. {@code "tag_id": null} when sending to all); wechatpy's placeholders for WeChat's numeric ids
 * {@code msg_data_id} ("MSG_DATA_ID") and {@code user_comment_id} ("CID") are the numbers 1001 and 2001 (WeChat
 * documents both as uint32). {@code getkflist} and {@code getonlinekflist} are compared with the jxtech 2021 vector
 * ({@code /cgi-bin/customservice/...}, WeChat's documented path) where wechatpy 2025 dropped {@code /cgi-bin}.
 */
class ApiGroupsRequestShapesTest extends WireMockClientTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] FILE = "binary-data".getBytes(StandardCharsets.UTF_8);
    static final Map<String, Consumer<WeChatClient>> VECTOR_CALLS = new LinkedHashMap<>();
    static final LocalDate D6 = LocalDate.parse("2014-12-06");
    static final LocalDate D7 = LocalDate.parse("2014-12-07");
    static final String ONE_DAY = "{\"begin_date\":\"2014-12-06\",\"end_date\":\"2014-12-06\"}";

    static void call(String id, Consumer<WeChatClient> c) {
        VECTOR_CALLS.put(id, c);
    }

    static {
        // comments
        call("material.open_comment#0", c -> c.comments().open(1001, 1));
        call("material.close_comment#0", c -> c.comments().close(1001, 2));
        call("material.list_comment#0", c -> c.comments().list(1001, 1, 0, 50, CommentsApi.Filter.ALL));
        call("material.markelect_comment#0", c -> c.comments().markElect(1001, 1, 2001));
        call("material.unmarkelect_comment#0", c -> c.comments().unmarkElect(1001, 1, 2001));
        call("material.delete_comment#0", c -> c.comments().delete(1001, 1, 2001));
        call("material.add_reply_comment#0", c -> c.comments().reply(1001, 1, 2001, "回复"));
        call("material.delete_reply_comment#0", c -> c.comments().deleteReply(1001, 1, 2001));
        // mass send
        call("message.send_mass_text#0", c -> c.massSend().sendToUsers(List.of("O1", "O2"), MassMessage.text("群发"),
                null));
        call("message.send_mass_text#1", c -> c.massSend().sendToTag(2, MassMessage.text("群发"), null));
        call("message.send_mass_text#2", c -> c.massSend().sendToAll(MassMessage.text("群发"), null));
        call("message.send_mass_text#3", c -> c.massSend().preview("oABCDEFGHIJKLMNOPQRSTUVWXYZ1",
                MassMessage.text("预览")));
        call("message.send_mass_text#4", c -> c.massSend().previewToWxName("wxname", MassMessage.text("预览")));
        call("message.send_mass_image#0", c -> c.massSend().sendToUsers(List.of("O1"), MassMessage.image("MEDIA_ID"),
                null));
        call("message.send_mass_voice#0", c -> c.massSend().sendToUsers(List.of("O1"), MassMessage.voice("MEDIA_ID"),
                null));
        call("message.send_mass_video#0", c -> c.massSend().sendToUsers(List.of("O1"), MassMessage.video("MEDIA_ID",
                "t", "d"), null));
        call("message.send_mass_article#0", c -> c.massSend().sendToTag(2, MassMessage.mpNews("MEDIA_ID")
                .ignoringReprint(), "cid"));
        call("message.send_mass_card#0", c -> c.massSend().sendToUsers(List.of("O1"), MassMessage.card("CARD_ID"),
                null));
        call("message.delete_mass#0", c -> c.massSend().delete(30124));
        call("message.get_mass#0", c -> c.massSend().status(201053012));
        call("media.upload_video#0", c -> c.massSend().prepareVideo("MEDIA_ID", "title", "desc"));
        call("media.upload_articles#0", c -> c.massSend().uploadNews(List.of(new MassNewsArticle("THUMB", "标题",
                "<p>正文</p>", "作者", "摘要", "http://x", 1))));
        // subscription notifications
        call("message.send_subscribe_message#0", c -> c.subscribeMessages().send(SubscribeMessage.of("OPENID",
                "TEMPLATE_ID", Map.of("thing1", "v")).withPage("pages/index")));
        call("template.add_subscribe_message_template#0", c -> c.subscribeMessages().add("TID", List.of(1, 2),
                "desc"));
        call("template.del_subscribe_message_template#0", c -> c.subscribeMessages().delete("PRI_ID"));
        call("template.get_category#0", c -> c.subscribeMessages().categories());
        call("template.get_subscribe_message_template_keywords#0", c -> c.subscribeMessages().keywords("TID"));
        call("template.get_subscribe_message_template_titles#0", c -> c.subscribeMessages().titles(List.of(), 0,
                30));
        call("template.get_subscribe_message_templates#0", c -> c.subscribeMessages().list());
        call("message.send_subscribe_template#0", c -> c.subscribeMessages().sendOneTime("OPENID", "TEMPLATE_ID",
                1000, "title", "v", null));
        // customer service
        call("customservice.add_account#0", c -> c.customerService().add("kf2001@gh_test", "客服1", "pass"));
        call("customservice.update_account#0", c -> c.customerService().update("kf2001@gh_test", "客服1", "pass"));
        call("customservice.delete_account#0", c -> c.customerService().delete("kf2001@gh_test"));
        call("customservice.get_accounts#0@2021", c -> c.customerService().accounts());
        call("customservice.get_online_accounts#0@2021", c -> c.customerService().onlineAccounts());
        call("customservice.upload_headimg#0", c -> c.customerService().uploadAvatar("kf2001@gh_test", "media",
                FILE));
        call("customservice.create_session#0", c -> c.customerService().createSession("kf2001@gh_test", "OPENID"));
        call("customservice.close_session#0", c -> c.customerService().closeSession("kf2001@gh_test", "OPENID",
                "bye"));
        call("customservice.get_session#0", c -> c.customerService().session("OPENID"));
        call("customservice.get_session_list#0", c -> c.customerService().sessions("kf2001@gh_test"));
        call("customservice.get_wait_case#0", c -> c.customerService().waitCases());
        call("customservice.get_records#0", c -> c.customerService().records(1500000000L, 1500003600L, 1, 10000));
        // templates, network
        call("template.set_industry#0", c -> c.templates().setIndustry(1, 4));
        call("template.get_industry#0", c -> c.templates().industry());
        call("template.get#0", c -> c.templates().add("TM00015"));
        call("template.add#0", c -> c.templates().add("TM00015"));
        call("misc.get_wechat_ips#0", c -> c.network().callbackIps());
        call("misc.check_network#0", c -> c.network().check(NetworkApi.CheckAction.ALL,
                NetworkApi.Operator.DEFAULT));
        // data cube
        call("datacube.get_user_summary#0", c -> c.dataCube().userSummary(D6, D7));
        call("datacube.get_user_cumulate#0", c -> c.dataCube().userCumulate(D6, D7));
        call("datacube.get_article_summary#0", c -> c.dataCube().articleSummary(D6, D6));
        call("datacube.get_upstream_msg#0", c -> c.dataCube().upstreamMessages(D6, D7));
    }

    static Stream<Arguments> vectors() {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : Vectors.load("api_request_shapes.json").path("calls")) {
            String name = c.path("call").asText();
            int n = seen.merge(name, 1, Integer::sum) - 1;
            String id = name + "#" + n;
            if (VECTOR_CALLS.containsKey(id) && c.path("requests").size() > 0) {
                out.add(Arguments.of(id, c.path("requests").get(0)));
            } else if (VECTOR_CALLS.containsKey(id + "@2021")) {
                out.add(Arguments.of(id + "@2021", c.path("requests_2021_jxtech").get(0)));
            }
        }
        assertThat(out).hasSize(VECTOR_CALLS.size());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void requestMatchesTheVector(String id, JsonNode expected) throws Exception {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (JsonNode q : expected.path("query")) {
            query.computeIfAbsent(q.get(0).asText(), k -> new ArrayList<>()).add(q.get(1).asText());
        }
        JsonNode body = expected.path("body");
        JsonNode json = body.has("json_text") ? normalise(JSON.readTree(body.path("json_text").asText())) : null;
        verify(VECTOR_CALLS.get(id), expected.path("method").asText(), HttpUrl.get(expected.path("url").asText())
                .encodedPath(), query, json, body.has("multipart_form_data"));
    }

    /** A request as WeChat's documentation gives it, for calls the vectors lack. */
    record Doc(String id, Consumer<WeChatClient> call, String method, String path, Map<String, String> query,
            String json) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Doc> documented() {
        return Stream.of(
                new Doc("massSend.status/speed get", c -> c.massSend().speed(), "POST",
                        "/cgi-bin/message/mass/speed/get", Map.of(), "{}"),
                new Doc("massSend.setSpeed", c -> c.massSend().setSpeed(1), "POST",
                        "/cgi-bin/message/mass/speed/set", Map.of(), "{\"speed\":1}"),
                new Doc("massSend.delete article", c -> c.massSend().delete(30124, 2), "POST",
                        "/cgi-bin/message/mass/delete", Map.of(), "{\"msg_id\":30124,\"article_idx\":2}"),
                new Doc("massSend.sendToAll with clientmsgid", c -> c.massSend().sendToAll(MassMessage.text("hi"),
                        "k1"), "POST", "/cgi-bin/message/mass/sendall", Map.of(), "{\"msgtype\":\"text\","
                        + "\"send_ignore_reprint\":0,\"clientmsgid\":\"k1\",\"filter\":{\"is_to_all\":true},"
                        + "\"text\":{\"content\":\"hi\"}}"),
                new Doc("subscribeMessages.send miniprogram", c -> c.subscribeMessages().send(SubscribeMessage.of(
                        "OPENID", "TID", Map.of("thing1", "审核通过")).withMiniProgram("wxa", "pages/i")), "POST",
                        "/cgi-bin/message/subscribe/bizsend", Map.of(), "{\"touser\":\"OPENID\",\"template_id\":"
                        + "\"TID\",\"miniprogram\":{\"appid\":\"wxa\",\"pagepath\":\"pages/i\"},\"data\":"
                        + "{\"thing1\":{\"value\":\"审核通过\"}}}"),
                new Doc("subscribeMessages.titles of categories", c -> c.subscribeMessages().titles(List.of(2, 616),
                        30, 100), "GET", "/wxaapi/newtmpl/getpubtemplatetitles", Map.of("ids", "2,616", "start",
                        "30", "limit", "30"), null),
                new Doc("customerService.add", c -> c.customerService().add("kf1@gh", "小王"), "POST",
                        "/customservice/kfaccount/add", Map.of(), "{\"kf_account\":\"kf1@gh\",\"nickname\":\"小王\"}"),
                new Doc("customerService.update", c -> c.customerService().update("kf1@gh", "小李"), "POST",
                        "/customservice/kfaccount/update", Map.of(),
                        "{\"kf_account\":\"kf1@gh\",\"nickname\":\"小李\"}"),
                new Doc("customerService.invite", c -> c.customerService().invite("kf1@gh", "wx_li"), "POST",
                        "/customservice/kfaccount/inviteworker", Map.of(),
                        "{\"kf_account\":\"kf1@gh\",\"invite_wx\":\"wx_li\"}"),
                new Doc("customerService.closeSession", c -> c.customerService().closeSession("kf1@gh", "O1"),
                        "POST", "/customservice/kfsession/close", Map.of(),
                        "{\"kf_account\":\"kf1@gh\",\"openid\":\"O1\"}"),
                new Doc("comments.list elected", c -> c.comments().list(2247483, 0, 50, 80, CommentsApi.Filter
                        .ELECTED), "POST", "/cgi-bin/comment/list", Map.of(), "{\"msg_data_id\":2247483,"
                        + "\"index\":0,\"begin\":50,\"count\":50,\"type\":2}"),
                new Doc("dataCube.articleTotal", c -> c.dataCube().articleTotal(D6, D6), "POST",
                        "/datacube/getarticletotal", Map.of(), "{\"begin_date\":\"2014-12-06\","
                        + "\"end_date\":\"2014-12-06\"}"),
                new Doc("dataCube.userRead", c -> c.dataCube().userRead(D6, D7), "POST", "/datacube/getuserread",
                        Map.of(), "{\"begin_date\":\"2014-12-06\",\"end_date\":\"2014-12-07\"}"),
                new Doc("dataCube.userShare", c -> c.dataCube().userShare(D6, D7), "POST", "/datacube/getusershare",
                        Map.of(), "{\"begin_date\":\"2014-12-06\",\"end_date\":\"2014-12-07\"}"),
                new Doc("dataCube.interfaceSummary", c -> c.dataCube().interfaceSummary(D6, D7), "POST",
                        "/datacube/getinterfacesummary", Map.of(), "{\"begin_date\":\"2014-12-06\","
                        + "\"end_date\":\"2014-12-07\"}"),
                new Doc("dataCube.userReadHour", c -> c.dataCube().userReadHour(D6, D6), "POST",
                        "/datacube/getuserreadhour", Map.of(), ONE_DAY),
                new Doc("dataCube.userShareHour", c -> c.dataCube().userShareHour(D6, D6), "POST",
                        "/datacube/getusersharehour", Map.of(), ONE_DAY),
                new Doc("dataCube.upstreamMessagesHour", c -> c.dataCube().upstreamMessagesHour(D6, D6), "POST",
                        "/datacube/getupstreammsghour", Map.of(), ONE_DAY),
                new Doc("dataCube.upstreamMessagesWeek", c -> c.dataCube().upstreamMessagesWeek(D6, D6), "POST",
                        "/datacube/getupstreammsgweek", Map.of(), ONE_DAY),
                new Doc("dataCube.upstreamMessagesMonth", c -> c.dataCube().upstreamMessagesMonth(D6, D6), "POST",
                        "/datacube/getupstreammsgmonth", Map.of(), ONE_DAY),
                new Doc("dataCube.upstreamDistribution", c -> c.dataCube().upstreamDistribution(D6, D6), "POST",
                        "/datacube/getupstreammsgdist", Map.of(), ONE_DAY),
                new Doc("dataCube.upstreamDistributionWeek", c -> c.dataCube().upstreamDistributionWeek(D6, D6), "POST",
                        "/datacube/getupstreammsgdistweek", Map.of(), ONE_DAY),
                new Doc("dataCube.upstreamDistributionMonth", c -> c.dataCube().upstreamDistributionMonth(D6, D6),
                        "POST", "/datacube/getupstreammsgdistmonth", Map.of(), ONE_DAY),
                new Doc("dataCube.interfaceSummaryHour", c -> c.dataCube().interfaceSummaryHour(D6, D6), "POST",
                        "/datacube/getinterfacesummaryhour", Map.of(), ONE_DAY),
                new Doc("network.apiDomainIps", c -> c.network().apiDomainIps(), "GET",
                        "/cgi-bin/get_api_domain_ip", Map.of(), null),
                new Doc("network.check dns unicom", c -> c.network().check(NetworkApi.CheckAction.DNS,
                        NetworkApi.Operator.UNICOM), "POST", "/cgi-bin/callback/check", Map.of(),
                        "{\"action\":\"dns\",\"check_operator\":\"UNICOM\"}"),
                new Doc("quota.get", c -> c.quota().get("/cgi-bin/message/custom/send"), "POST",
                        "/cgi-bin/openapi/quota/get", Map.of(), "{\"cgi_path\":\"/cgi-bin/message/custom/send\"}"),
                new Doc("quota.clearAll", c -> c.quota().clearAll(), "POST", "/cgi-bin/clear_quota", Map.of(),
                        "{\"appid\":\"wx_appid\"}"),
                new Doc("quota.clear", c -> c.quota().clear("/cgi-bin/message/custom/send"), "POST",
                        "/cgi-bin/openapi/quota/clear", Map.of(), "{\"cgi_path\":\"/cgi-bin/message/custom/send\"}"),
                new Doc("shortKeys.generate", c -> c.shortKeys().generate("loooooong data", Duration.ofDays(1)),
                        "POST", "/cgi-bin/shorten/gen", Map.of(), "{\"long_data\":\"loooooong data\","
                        + "\"expire_seconds\":86400}"),
                new Doc("shortKeys.generate capped at 30 days", c -> c.shortKeys().generate("x", Duration.ofDays(90)),
                        "POST", "/cgi-bin/shorten/gen", Map.of(), "{\"long_data\":\"x\",\"expire_seconds\":2592000}"),
                new Doc("shortKeys.fetch", c -> c.shortKeys().fetch("iTqRJFSEqk9RvPk"), "POST",
                        "/cgi-bin/shorten/fetch", Map.of(), "{\"short_key\":\"iTqRJFSEqk9RvPk\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void requestMatchesTheDocumentation(Doc doc) throws Exception {
        Map<String, List<String>> query = new LinkedHashMap<>();
        doc.query().forEach((k, v) -> query.put(k, List.of(v)));
        verify(doc.call(), doc.method(), doc.path(), query, doc.json() == null ? null : JSON.readTree(doc.json()),
                false);
    }

    private void verify(Consumer<WeChatClient> call, String method, String path, Map<String, List<String>> query,
            JsonNode json, boolean multipart) throws Exception {
        wm.stubFor(any(anyUrl()).atPriority(10).willReturn(ok()));
        stubToken("ACCESS_TOKEN", 7200);
        call.accept(client);

        List<LoggedRequest> requests = wm.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> !r.getUrl().startsWith("/cgi-bin/token")).toList();
        assertThat(requests).hasSize(1);
        LoggedRequest actual = requests.get(0);
        HttpUrl url = HttpUrl.get(actual.getAbsoluteUrl());
        assertThat(actual.getMethod().getName()).isEqualTo(method);
        assertThat(url.encodedPath()).isEqualTo(path);
        Map<String, List<String>> actualQuery = new LinkedHashMap<>();
        for (String name : url.queryParameterNames()) {
            actualQuery.put(name, url.queryParameterValues(name));
        }
        assertThat(actualQuery.remove("access_token")).containsExactly("ACCESS_TOKEN");
        Map<String, List<String>> expectedQuery = new LinkedHashMap<>(query);
        expectedQuery.remove("access_token");
        assertThat(actualQuery).isEqualTo(expectedQuery);
        if (json != null) {
            assertThat(actual.getHeader("Content-Type")).startsWith("application/json");
            assertThat(JSON.readTree(actual.getBodyAsString())).isEqualTo(json);
            assertThat(actual.getBodyAsString()).doesNotContain("\\u");
        } else if (multipart) {
            assertThat(actual.getHeader("Content-Type")).startsWith("multipart/form-data");
            assertThat(actual.getBodyAsString()).contains("name=\"media\"; filename=\"media\"")
                    .contains("binary-data");
        } else {
            assertThat(actual.getBody()).isEmpty();
        }
    }

    /** Drops null members; WeChat's numeric ids for wechatpy's comment placeholders. */
    static JsonNode normalise(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isNull()) {
                    continue;
                }
                if (e.getKey().equals("msg_data_id") && v.asText().equals("MSG_DATA_ID")) {
                    copy.put(e.getKey(), 1001);
                } else if (e.getKey().equals("user_comment_id") && v.asText().equals("CID")) {
                    copy.put(e.getKey(), 2001);
                } else {
                    copy.set(e.getKey(), normalise(v));
                }
            }
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = JSON.createArrayNode();
            a.forEach(v -> copy.add(normalise(v)));
            return copy;
        }
        return node;
    }
}
