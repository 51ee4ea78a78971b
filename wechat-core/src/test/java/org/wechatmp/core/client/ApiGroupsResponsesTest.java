package org.wechatmp.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatApiException;

/**
 * Responses of the added groups parsed from the fixtures (or WeChat's documented examples where there is no fixture);
 * the data cube's splitting and merging; mass-send idempotence; chat-record paging; the multipart escape hatch.
 */
class ApiGroupsResponsesTest extends WireMockClientTest {

    private void stubPost(String path, String body) {
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(okJson(body)));
    }

    private void stubGet(String path, String body) {
        wm.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(body)));
    }

    @Test
    void customServiceAccountsAndOnlineAccountsAreParsed() {
        stubGet("/cgi-bin/customservice/getkflist", fixture("customservice_getkflist.json"));
        stubGet("/cgi-bin/customservice/getonlinekflist", fixture("customservice_getonlinekflist.json"));
        List<KfAccount> accounts = client.customerService().accounts();
        assertThat(accounts).extracting(KfAccount::kfAccount).containsExactly("test1@test", "test2@test");
        assertThat(accounts.get(0).nickname()).isEqualTo("test1");
        assertThat(accounts.get(1).kfId()).isEqualTo("1002");
        List<KfOnlineAccount> online = client.customerService().onlineAccounts();
        assertThat(online).containsExactly(new KfOnlineAccount("test1@test", "1001", 1, 1),
                new KfOnlineAccount("test2@test", "1002", 1, 2));
    }

    @Test
    void currentAccountFieldsAreParsed() {
        stubGet("/cgi-bin/customservice/getkflist", "{\"kf_list\":[{\"kf_account\":\"a@gh\",\"kf_headimgurl\":"
                + "\"http://h\",\"kf_id\":1001,\"kf_nick\":\"ntest1\",\"kf_wx\":\"kfwx\"},{\"kf_account\":\"b@gh\","
                + "\"kf_nick\":\"n2\",\"kf_id\":1002,\"invite_wx\":\"wx2\",\"invite_expire_time\":123456789,"
                + "\"invite_status\":\"waiting\"}]}");
        List<KfAccount> a = client.customerService().accounts();
        assertThat(a.get(0)).isEqualTo(new KfAccount("a@gh", "ntest1", "1001", "http://h", "kfwx", "", 0, ""));
        assertThat(a.get(1).inviteWechatId()).isEqualTo("wx2");
        assertThat(a.get(1).inviteExpireTime()).isEqualTo(123456789L);
        assertThat(a.get(1).inviteStatus()).isEqualTo("waiting");
    }

    @Test
    void sessionsAndWaitCasesAreParsed() {
        stubGet("/customservice/kfsession/getsession", fixture("customservice_kfsession_getsession.json"));
        stubGet("/customservice/kfsession/getsessionlist", fixture("customservice_kfsession_getsessionlist.json"));
        stubGet("/customservice/kfsession/getwaitcase", fixture("customservice_kfsession_getwaitcase.json"));
        assertThat(client.customerService().session("OPENID"))
                .isEqualTo(new KfSession("OPENID", "test1@test", 123456789L));
        assertThat(client.customerService().sessions("test1@test")).hasSize(2)
                .allSatisfy(s -> assertThat(s).isEqualTo(new KfSession("OPENID", "test1@test", 123456789L)));
        KfWaitCases wait = client.customerService().waitCases();
        assertThat(wait.count()).isEqualTo(150);
        assertThat(wait.waiting()).extracting(KfSession::kfAccount).containsExactly("test1@test", "test2@test");
    }

    @Test
    void chatRecordsAreParsedAndPagedByMsgid() {
        stubPost("/customservice/msgrecord/getmsglist", fixture("customservice_msgrecord_getmsglist.json"));
        KfRecordPage page = client.customerService().records(1400563700L, 1400563800L, 1, 10);
        assertThat(page.records()).hasSize(2);
        assertThat(page.records().get(0)).isEqualTo(new KfRecord(" test1", "oDF3iY9WMaswOPWjCIp_f3Bnpljk", 2002,
                1400563710L, " 您好，客服test1为您服务。"));
        assertThat(page.number()).isEqualTo(2);

        wm.resetAll();
        stubToken("TOKEN1", 7200);
        String full = recordPage(CustomerServiceApi.RECORDS_PAGE_LIMIT, 10001);
        wm.stubFor(post(urlPathEqualTo("/customservice/msgrecord/getmsglist"))
                .withRequestBody(matchingJsonPath("$.msgid", equalTo("1"))).willReturn(okJson(full)));
        wm.stubFor(post(urlPathEqualTo("/customservice/msgrecord/getmsglist"))
                .withRequestBody(matchingJsonPath("$.msgid", equalTo("10001"))).willReturn(okJson(
                        recordPage(3, 10004))));
        List<KfRecord> all = client.customerService().allRecords(1400000000L, 1400086400L);
        assertThat(all).hasSize(CustomerServiceApi.RECORDS_PAGE_LIMIT + 3);
        wm.verify(2, postRequestedFor(urlPathEqualTo("/customservice/msgrecord/getmsglist"))
                .withRequestBody(matchingJsonPath("$.number", equalTo("10000"))));
    }

    private static String recordPage(int n, long next) {
        StringBuilder b = new StringBuilder("{\"recordlist\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"worker\":\"w\",\"openid\":\"o\",\"opercode\":2002,\"text\":\"t\","
                    + "\"time\":1400000000}");
        }
        return b.append("],\"number\":").append(n).append(",\"msgid\":").append(next).append("}").toString();
    }

    @Test
    void dataCubeRowsAreParsedFromTheFixtures() {
        stubPost("/datacube/getusersummary", fixture("datacube_getusersummary.json"));
        stubPost("/datacube/getusercumulate", fixture("datacube_getusercumulate.json"));
        stubPost("/datacube/getarticlesummary", fixture("datacube_getarticlesummary.json"));
        stubPost("/datacube/getarticletotal", fixture("datacube_getarticletotal.json"));
        stubPost("/datacube/getuserread", fixture("datacube_getuserread.json"));
        stubPost("/datacube/getusershare", fixture("datacube_getusershare.json"));
        stubPost("/datacube/getupstreammsg", fixture("datacube_getupstreammsg.json"));
        stubPost("/datacube/getinterfacesummary", fixture("datacube_getinterfacesummary.json"));
        LocalDate d = LocalDate.parse("2014-12-07");
        DataCubeApi cube = client.dataCube();
        assertThat(cube.userSummary(d, d)).containsExactly(new UserSummary(d, 0, 0, 0));
        assertThat(cube.userCumulate(d, d)).containsExactly(new UserCumulate(d, 1217056L));
        ArticleSummary as = cube.articleSummary(d, d).get(0);
        assertThat(as.refDate()).isEqualTo(LocalDate.parse("2014-12-08"));
        assertThat(as.msgid()).isEqualTo("10000050_1");
        assertThat(as.title()).isEqualTo("12月27日 DiLi日报");
        assertThat(as.stats()).isEqualTo(new ArticleStats(23676, 25615, 29, 34, 122, 994, 1, 3));
        ArticleTotal total = cube.articleTotal(d, d).get(0);
        assertThat(total.msgid()).isEqualTo("23423525");
        assertThat(total.details()).containsExactly(new ArticleTotal.Day(LocalDate.parse("2014-12-14"), 261917,
                new ArticleStats(23676, 25615, 29, 34, 122, 994, 1, 3)));
        assertThat(cube.userRead(d, d)).containsExactly(new UserRead(d, 0, new ArticleStats(45524, 48796, 11, 35,
                11, 276, 5, 15)));
        assertThat(cube.userShare(d, d)).containsExactly(new UserShare(d, 1, 207, 11), new UserShare(d, 5, 23, 11));
        assertThat(cube.upstreamMessages(d, d)).containsExactly(new UpstreamMessages(d, 1, 282, 817));
        InterfaceSummary is = cube.interfaceSummary(d, d).get(0);
        assertThat(is).isEqualTo(new InterfaceSummary(d, 1234, 0, 12345, 123));
        assertThat(is.meanTimeCost()).isEqualTo(10L);
    }

    @Test
    void hourlyWeeklyMonthlyAndDistributionRowsAreParsedFromTheFixtures() {
        for (String n : List.of("getuserreadhour", "getusersharehour", "getupstreammsghour", "getupstreammsgweek",
                "getupstreammsgmonth", "getupstreammsgdist", "getupstreammsgdistweek", "getupstreammsgdistmonth",
                "getinterfacesummaryhour")) {
            stubPost("/datacube/" + n, fixture("datacube_" + n + ".json"));
        }
        LocalDate d = LocalDate.parse("2014-12-07");
        DataCubeApi cube = client.dataCube();
        assertThat(cube.userReadHour(d, d)).containsExactly(new UserReadHour(d, 1200, 0, new ArticleStats(0, 0, 4,
                25517, 4, 96, 1, 3)));
        assertThat(cube.userShareHour(d, d)).containsExactly(new UserShareHour(d, 1200, 1, 72, 4));
        assertThat(cube.upstreamMessagesHour(d, d)).containsExactly(new UpstreamMessagesHour(d, 0, 1, 9, 10));
        assertThat(cube.upstreamMessagesWeek(d, d)).containsExactly(new UpstreamMessages(LocalDate.parse(
                "2014-12-08"), 1, 16, 27));
        assertThat(cube.upstreamMessagesMonth(d, d)).containsExactly(new UpstreamMessages(LocalDate.parse(
                "2014-11-01"), 1, 7989, 42206));
        UpstreamDistribution dist = new UpstreamDistribution(d, 1, 246);
        assertThat(cube.upstreamDistribution(d, d)).containsExactly(dist);
        assertThat(cube.upstreamDistributionWeek(d, d)).containsExactly(dist);
        assertThat(cube.upstreamDistributionMonth(d, d)).containsExactly(dist);
        assertThat(cube.interfaceSummaryHour(d, d)).containsExactly(new InterfaceSummaryHour(d, 0, 1234, 0, 12345,
                123));
        // hourly variants cover one day per call
        cube.interfaceSummaryHour(d, d.plusDays(2));
        wm.verify(4, postRequestedFor(urlPathEqualTo("/datacube/getinterfacesummaryhour")));
        cube.upstreamDistribution(d, d.plusDays(15));
        wm.verify(3, postRequestedFor(urlPathEqualTo("/datacube/getupstreammsgdist")));
    }

    @Test
    void aLongRangeIsSplitIntoWeChatsSpansAndMergedInDateOrder() {
        // each window answers its own days, the later window first in the list to prove the merge sorts
        LocalDate from = LocalDate.parse("2026-01-01");
        LocalDate to = LocalDate.parse("2026-01-20");
        for (LocalDate[] w : DataCubeApi.windows(from, to, DataCubeApi.USER_DAYS)) {
            StringBuilder rows = new StringBuilder();
            for (LocalDate day = w[1]; !day.isBefore(w[0]); day = day.minusDays(1)) {
                rows.append(rows.length() == 0 ? "" : ",").append("{\"ref_date\":\"").append(day)
                        .append("\",\"user_source\":0,\"new_user\":").append(day.getDayOfMonth())
                        .append(",\"cancel_user\":1}");
            }
            wm.stubFor(post(urlPathEqualTo("/datacube/getusersummary")).withRequestBody(equalToJson(
                    "{\"begin_date\":\"" + w[0] + "\",\"end_date\":\"" + w[1] + "\"}"))
                    .willReturn(okJson("{\"list\":[" + rows + "]}")));
        }
        List<UserSummary> rows = client.dataCube().userSummary(from, to);
        assertThat(rows).hasSize(20);
        assertThat(rows).extracting(UserSummary::refDate).isSorted().startsWith(from).endsWith(to);
        assertThat(rows).extracting(UserSummary::newUser).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                13, 14, 15, 16, 17, 18, 19, 20);
        wm.verify(3, postRequestedFor(urlPathEqualTo("/datacube/getusersummary")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/datacube/getusersummary")).withRequestBody(equalToJson(
                "{\"begin_date\":\"2026-01-15\",\"end_date\":\"2026-01-20\"}")));
    }

    @Test
    void eachCallKeepsToItsMaximumSpan() {
        LocalDate from = LocalDate.parse("2026-03-01");
        assertThat(DataCubeApi.windows(from, from.plusDays(59), DataCubeApi.INTERFACE_DAYS)).hasSize(2);
        assertThat(DataCubeApi.windows(from, from.plusDays(60), DataCubeApi.INTERFACE_DAYS)).hasSize(3);
        assertThat(DataCubeApi.windows(from, from.plusDays(2), DataCubeApi.ARTICLE_SUMMARY_DAYS)).hasSize(3);
        List<LocalDate[]> read = DataCubeApi.windows(from, from.plusDays(6), DataCubeApi.USER_READ_DAYS);
        assertThat(read).hasSize(3);
        assertThat(read.get(2)[0]).isEqualTo(from.plusDays(6));
        assertThat(read.get(2)[1]).isEqualTo(from.plusDays(6));
        assertThat(DataCubeApi.windows(from, from, DataCubeApi.USER_DAYS)).hasSize(1);
        stubPost("/datacube/getarticlesummary", "{\"list\":[]}");
        client.dataCube().articleSummary(from, from.plusDays(2));
        wm.verify(3, postRequestedFor(urlPathEqualTo("/datacube/getarticlesummary")));
        assertThatThrownBy(() -> client.dataCube().userSummary(from, from.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void massSendAnswersAreParsed() {
        stubPost("/cgi-bin/message/mass/sendall", fixture("message_mass_send.json"));
        stubPost("/cgi-bin/message/mass/get", fixture("message_mass_get.json"));
        stubPost("/cgi-bin/message/mass/speed/get", "{\"speed\":3,\"realspeed\":15}");
        assertThat(client.massSend().sendToTag(2, MassMessage.mpNews("M"), null))
                .isEqualTo(new MassSendResult(34182L, 206227730L, false));
        MassSendStatus status = client.massSend().status(201053012L);
        assertThat(status).isEqualTo(new MassSendStatus(201053012L, "SEND_SUCCESS"));
        assertThat(status.succeeded()).isTrue();
        assertThat(client.massSend().speed()).isEqualTo(new MassSendSpeed(3, 15));
        stubPost("/cgi-bin/media/uploadvideo", "{\"type\":\"video\",\"media_id\":"
                + "\"IhdaAQXuvJtGzwwc0abfXnzeezfO0NgPK6AQYShD8RQYMTtfzbLdBIQkQziv2XJc\",\"created_at\":1398848981}");
        assertThat(client.massSend().prepareVideo("M", "t", "d"))
                .isEqualTo("IhdaAQXuvJtGzwwc0abfXnzeezfO0NgPK6AQYShD8RQYMTtfzbLdBIQkQziv2XJc");
        stubPost("/cgi-bin/media/uploadnews", "{\"type\":\"news\",\"media_id\":\"CsEf3ldqkAYJAU6EJeIkStVDSvffUJ\","
                + "\"created_at\":1391857799}");
        assertThat(client.massSend().uploadNews(List.of(new MassNewsArticle("T", "t", "c", null, null, null, 0))))
                .isEqualTo("CsEf3ldqkAYJAU6EJeIkStVDSvffUJ");
    }

    @Test
    void theSendsMsgIdIsTheMsgIdOfItsJobFinishEvent() {
        stubPost("/cgi-bin/message/mass/sendall", fixture("message_mass_send.json"));
        MassSendResult sent = client.massSend().sendToTag(2, MassMessage.mpNews("M"), null);
        org.wechatmp.core.message.WeChatMessage event = org.wechatmp.core.message.MessageParser.defaults().parse(
                "<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><FromUserName><![CDATA[oSys]]></FromUserName>"
                + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>34182</MsgID>"
                + "<Status><![CDATA[send success]]></Status><TotalCount>100</TotalCount></xml>");
        assertThat(event).isInstanceOf(org.wechatmp.core.message.MassSendJobFinishEvent.class);
        assertThat(event.msgId()).isEqualTo(sent.msgId());
    }

    @Test
    void aRepeatedClientMsgIdReturnsTheEarlierSendInsteadOfThrowing() {
        stubPost("/cgi-bin/message/mass/sendall", "{\"errcode\":45065,\"errmsg\":\"clientmsgid exist\","
                + "\"msg_id\":1000001}");
        MassMessage m = MassMessage.text("hello");
        String id = MassSendApi.clientMsgId("newsletter-2026-11-30", m);
        MassSendResult r = client.massSend().sendToAll(m, id);
        assertThat(r.duplicate()).isTrue();
        assertThat(r.msgId()).isEqualTo(1000001L);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/mass/sendall"))
                .withRequestBody(matchingJsonPath("$.clientmsgid", equalTo(id))));
        // other errcodes still throw
        stubPost("/cgi-bin/message/mass/sendall", "{\"errcode\":45028,\"errmsg\":\"has no masssend quota\"}");
        assertThatThrownBy(() -> client.massSend().sendToAll(m, id)).isInstanceOf(WeChatApiException.class);
    }

    @Test
    void clientMsgIdIsStableAndDependsOnCampaignAndContent() {
        MassMessage m = MassMessage.text("hello");
        String id = MassSendApi.clientMsgId("c1", m);
        assertThat(id).hasSize(40).matches("[0-9a-f]+");
        assertThat(MassSendApi.clientMsgId("c1", MassMessage.text("hello"))).isEqualTo(id);
        assertThat(MassSendApi.clientMsgId("c2", m)).isNotEqualTo(id);
        assertThat(MassSendApi.clientMsgId("c1", MassMessage.text("hello!"))).isNotEqualTo(id);
        assertThat(MassSendApi.clientMsgId("c1", MassMessage.mpNews("hello"))).isNotEqualTo(id);
    }

    @Test
    void openidsAreSentTenThousandPerCallWithDerivedClientMsgIds() {
        stubPost("/cgi-bin/message/mass/send", fixture("message_mass_send.json"));
        List<String> ids = java.util.stream.IntStream.range(0, 10_001).mapToObj(i -> "o" + i).toList();
        List<MassSendResult> results = client.massSend().sendToUsers(ids, MassMessage.text("x"), "k");
        assertThat(results).hasSize(2);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/mass/send"))
                .withRequestBody(matchingJsonPath("$.clientmsgid", equalTo("k")))
                .withRequestBody(matchingJsonPath("$.touser.length()", equalTo("10000"))));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/mass/send"))
                .withRequestBody(matchingJsonPath("$.clientmsgid", equalTo("k-2")))
                .withRequestBody(matchingJsonPath("$.touser[0]", equalTo("o10000"))));
    }

    @Test
    void commentsAreParsed() {
        stubPost("/cgi-bin/comment/list", "{\"errcode\":0,\"errmsg\":\"ok\",\"total\":2,\"comment\":[{"
                + "\"user_comment_id\":1001,\"openid\":\"O1\",\"create_time\":1700000000,\"content\":\"好文\","
                + "\"comment_type\":1,\"reply\":{\"content\":\"谢谢\",\"create_time\":1700000100}},{"
                + "\"user_comment_id\":1002,\"openid\":\"O2\",\"create_time\":1700000200,\"content\":\"一般\","
                + "\"comment_type\":0}]}");
        CommentPage page = client.comments().list(2247483, 0, 0, 50, CommentsApi.Filter.ALL);
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.comments().get(0)).isEqualTo(new Comment(1001, "O1", 1700000000L, "好文", 1, "谢谢",
                1700000100L));
        assertThat(page.comments().get(0).elected()).isTrue();
        assertThat(page.comments().get(1).replyContent()).isEmpty();
        assertThat(page.comments().get(1).elected()).isFalse();
    }

    @Test
    void subscriptionLibraryAndTemplatesAreParsed() {
        stubGet("/wxaapi/newtmpl/getcategory", "{\"errcode\":0,\"errmsg\":\"ok\",\"data\":[{\"id\":616,"
                + "\"name\":\"公交\"},{\"id\":627,\"name\":\"浏览器\"}]}");
        stubGet("/wxaapi/newtmpl/getpubtemplatetitles", "{\"errcode\":0,\"errmsg\":\"ok\",\"count\":55,\"data\":[{"
                + "\"tid\":99,\"title\":\"付款成功通知\",\"type\":2,\"categoryId\":\"616\"}]}");
        stubGet("/wxaapi/newtmpl/getpubtemplatekeywords", "{\"errcode\":0,\"errmsg\":\"ok\",\"count\":1,\"data\":[{"
                + "\"kid\":1,\"name\":\"物品名称\",\"example\":\"名称\",\"rule\":\"thing\"}]}");
        stubGet("/wxaapi/newtmpl/gettemplate", "{\"errcode\":0,\"errmsg\":\"ok\",\"data\":[{\"priTmplId\":\"9Aw\","
                + "\"title\":\"借阅成功通知\",\"content\":\"书名:{{thing1.DATA}}\\n\",\"example\":\"书名:三国\","
                + "\"type\":2}]}");
        stubPost("/wxaapi/newtmpl/addtemplate", "{\"errcode\":0,\"errmsg\":\"ok\",\"priTmplId\":\"9Aw\"}");
        SubscribeMessagesApi s = client.subscribeMessages();
        assertThat(s.categories()).containsExactly(new SubscribeCategory(616, "公交"),
                new SubscribeCategory(627, "浏览器"));
        assertThat(s.titles(List.of(616), 0, 30)).isEqualTo(new SubscribeTitlePage(55,
                List.of(new SubscribeTitle("99", "付款成功通知", 2, "616"))));
        assertThat(s.keywords("99")).containsExactly(new SubscribeKeyword(1, "物品名称", "名称", "thing"));
        assertThat(s.list()).containsExactly(new SubscribeTemplate("9Aw", "借阅成功通知", "书名:{{thing1.DATA}}\n",
                "书名:三国", 2));
        assertThat(s.add("99", List.of(1), "借书")).isEqualTo("9Aw");
    }

    @Test
    void theOneTimeAuthorizeUrlMatchesTheVector() {
        String expected = null;
        for (JsonNode c : org.wechatmp.core.Vectors.load("api_request_shapes.json").path("calls")) {
            if (c.path("call").asText().equals("message.get_subscribe_authorize_url")) {
                expected = c.path("returned_with_canned_response").asText();
            }
        }
        assertThat(client.subscribeMessages().oneTimeAuthorizeUrl(1000, "TEMPLATE_ID", "https://example.com/cb",
                "RESERVED")).isEqualTo(expected);
        assertThat(client.subscribeMessages().oneTimeAuthorizeUrl(0, "T", "https://e.com/a?b=c d", null))
                .isEqualTo("https://mp.weixin.qq.com/mp/subscribemsg?action=get_confirm&appid=wx_appid&scene=0"
                        + "&template_id=T&redirect_url=https%3A%2F%2Fe.com%2Fa%3Fb%3Dc+d#wechat_redirect");
        assertThatThrownBy(() -> client.subscribeMessages().oneTimeAuthorizeUrl(10_001, "T", "https://e.com", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void industryNetworkQuotaAndShortKeysAreParsed() {
        stubGet("/cgi-bin/template/get_industry", "{\"primary_industry\":{\"first_class\":\"运输与仓储\","
                + "\"second_class\":\"快递\"},\"secondary_industry\":{\"first_class\":\"IT科技\","
                + "\"second_class\":\"互联网|电子商务\"}}");
        stubPost("/cgi-bin/template/api_add_template", "{\"errcode\":0,\"errmsg\":\"ok\",\"template_id\":\"Doclyl\"}");
        stubGet("/cgi-bin/getcallbackip", fixture("getcallbackip.json"));
        stubPost("/cgi-bin/callback/check", fixture("callback_check.json"));
        stubPost("/cgi-bin/openapi/quota/get", "{\"errcode\":0,\"errmsg\":\"ok\",\"quota\":{\"daily_limit\":"
                + "10000000,\"used\":500,\"remain\":9999500}}");
        stubPost("/cgi-bin/shorten/gen", "{\"errcode\":0,\"errmsg\":\"ok\",\"short_key\":\"iTqRJFSEqk9RvPk\"}");
        stubPost("/cgi-bin/shorten/fetch", "{\"errcode\":0,\"errmsg\":\"ok\",\"long_data\":\"loooooong data\","
                + "\"create_time\":1611047541,\"expire_seconds\":86300}");
        assertThat(client.templates().industry()).isEqualTo(new TemplateIndustry(
                new TemplateIndustry.Industry("运输与仓储", "快递"),
                new TemplateIndustry.Industry("IT科技", "互联网|电子商务")));
        assertThat(client.templates().add("TM00015")).isEqualTo("Doclyl");
        assertThat(client.network().callbackIps()).containsExactly("127.0.0.1");
        NetworkCheck check = client.network().check(NetworkApi.CheckAction.ALL, NetworkApi.Operator.DEFAULT);
        assertThat(check.dns()).containsExactly(new NetworkCheck.Dns("111.161.64.40", "UNICOM"),
                new NetworkCheck.Dns("111.161.64.48", "UNICOM"));
        assertThat(check.ping().get(1)).isEqualTo(new NetworkCheck.Ping("111.161.64.48", "UNICOM", "0%",
                "21.434ms"));
        assertThat(client.quota().get("/cgi-bin/message/custom/send"))
                .isEqualTo(new ApiQuota(10000000L, 500L, 9999500L));
        assertThat(client.shortKeys().generate("loooooong data", java.time.Duration.ofDays(1)))
                .isEqualTo("iTqRJFSEqk9RvPk");
        assertThat(client.shortKeys().fetch("iTqRJFSEqk9RvPk"))
                .isEqualTo(new ShortKeyData("loooooong data", 1611047541L, 86300L));
    }

    @Test
    void theEscapeHatchUploadsMultipartWithTokenAndQuery() {
        stubPost("/customservice/kfaccount/uploadheadimg", fixture("customservice_kfaccount_uploadheadimg.json"));
        byte[] png = "\u0089PNG-bytes".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode json = client.upload("/customservice/kfaccount/uploadheadimg", Map.of("kf_account", "kf1@gh"),
                "media", "a.png", png, "image/png");
        assertThat(json.path("errcode").asInt()).isZero();
        wm.verify(1, postRequestedFor(urlPathEqualTo("/customservice/kfaccount/uploadheadimg"))
                .withQueryParam("kf_account", equalTo("kf1@gh"))
                .withQueryParam("access_token", equalTo("TOKEN1"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "multipart/form-data"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "name=\"media\"; filename=\"a.png\""))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "Content-Type: image/png")));
        stubPost("/customservice/kfaccount/uploadheadimg", "{\"errcode\":40005,\"errmsg\":\"invalid file type\"}");
        assertThatThrownBy(() -> client.customerService().uploadAvatar("kf1@gh", "a.gif", png))
                .isInstanceOf(WeChatApiException.class).hasMessageContaining("40005");
    }
}
