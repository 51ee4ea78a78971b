package org.wechatmp.examples.wechatdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.ArticleTotal;
import org.wechatmp.core.client.CommentsApi;
import org.wechatmp.core.client.DataCubeApi;
import org.wechatmp.core.client.InMemoryTokenStore;
import org.wechatmp.core.client.MassMessage;
import org.wechatmp.core.client.MassNewsArticle;
import org.wechatmp.core.client.MassSendApi;
import org.wechatmp.core.client.NetworkApi;
import org.wechatmp.core.client.SubscribeMessage;
import org.wechatmp.core.client.UserCumulate;
import org.wechatmp.core.client.UserSummary;
import org.wechatmp.core.client.WeChatClient;

/** The shipped double answers every call of the added API groups through the typed client. */
class WeChatDoubleApiGroupsTest {
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
    void subscriptionNotifications() {
        var s = client.subscribeMessages();
        assertThat(s.categories()).isNotEmpty();
        assertThat(s.titles(List.of(616), 0, 30).titles()).extracting(t -> t.title()).contains("付款成功通知");
        assertThat(s.keywords("99")).hasSize(3);
        String id = s.add("99", List.of(1, 2, 3), "付款通知");
        assertThat(s.list()).extracting(t -> t.priTmplId()).contains(id);
        s.send(SubscribeMessage.of("oDemoUser0000000000000000001", id, Map.of("thing1", "咖啡", "amount2", "¥18.00",
                "time3", "2026-11-30 10:00")).withPage("https://example.com/order/1"));
        s.delete(id);
        assertThat(s.oneTimeAuthorizeUrl(1000, "ONE_TIME_TID", "https://example.com/cb", "st1"))
                .startsWith("https://mp.weixin.qq.com/mp/subscribemsg?action=get_confirm&appid=" + Defaults.APP_ID);
        s.sendOneTime("oDemoUser0000000000000000001", "ONE_TIME_TID", 1000, "到货提醒", "您关注的商品已到货", null);
    }

    @Test
    void massSend() {
        var m = client.massSend();
        MassMessage msg = MassMessage.mpNews("MEDIA_DEMO");
        var all = m.sendToAll(msg, MassSendApi.clientMsgId("demo", msg));
        assertThat(all.msgId()).isPositive();
        assertThat(all.duplicate()).isFalse();
        assertThat(m.sendToTag(101, MassMessage.text("hello"), null).msgDataId()).isPositive();
        assertThat(m.sendToUsers(List.of("o1", "o2"), MassMessage.image("IMG"), null)).hasSize(1);
        m.preview("oDemoUser0000000000000000001", msg);
        assertThat(m.status(all.msgId()).succeeded()).isTrue();
        assertThat(m.speed().realspeed()).isEqualTo(15);
        m.setSpeed(2);
        m.delete(all.msgId());
        String video = m.prepareVideo("VIDEO_MEDIA", "年终回顾", "三分钟");
        assertThat(m.sendToAll(MassMessage.video(video, "年终回顾", "三分钟"), null).msgId()).isPositive();
        String news = m.uploadNews(List.of(new MassNewsArticle("THUMB", "标题", "<p>正文</p>", null, null, null, 1)));
        assertThat(news).isEqualTo("MASS_NEWS_DEMO_0001");
    }

    @Test
    void customerService() {
        var kf = client.customerService();
        kf.add("xiaozhao@demo", "小赵");
        kf.update("xiaozhao@demo", "小赵2");
        kf.invite("xiaozhao@demo", "xiaozhao_wx");
        kf.uploadAvatar("xiaozhao@demo", "a.jpg", "jpeg-bytes".getBytes(StandardCharsets.UTF_8));
        kf.delete("xiaozhao@demo");
        assertThat(kf.accounts()).extracting(a -> a.nickname()).containsExactly("小王", "小李");
        assertThat(kf.onlineAccounts()).hasSize(1);
        kf.createSession("xiaowang@demo", "oDemoUser0000000000000000001");
        assertThat(kf.session("oDemoUser0000000000000000001").kfAccount()).isEqualTo("xiaowang@demo");
        assertThat(kf.sessions("xiaowang@demo")).hasSize(2);
        assertThat(kf.waitCases().count()).isEqualTo(1);
        kf.closeSession("xiaowang@demo", "oDemoUser0000000000000000001");
        assertThat(kf.allRecords(1764460800L, 1764547200L)).hasSize(2);
        assertThat(client.upload("/customservice/kfaccount/uploadheadimg", Map.of("kf_account", "xiaowang@demo"),
                "media", "a.png", new byte[] {1, 2}, "image/png").path("errcode").asInt()).isZero();
    }

    @Test
    void comments() {
        var c = client.comments();
        c.open(2247483650L, 0);
        assertThat(c.list(2247483650L, 0, 0, 50, CommentsApi.Filter.ALL).comments()).hasSize(3);
        c.markElect(2247483650L, 0, 2);
        c.unmarkElect(2247483650L, 0, 2);
        c.reply(2247483650L, 0, 2, "下周一");
        c.deleteReply(2247483650L, 0, 2);
        c.delete(2247483650L, 0, 3);
        c.close(2247483650L, 0);
    }

    @Test
    void dataCubeRowsCoverTheRangeInDateOrder() {
        DataCubeApi cube = client.dataCube();
        LocalDate from = LocalDate.parse("2026-11-01");
        LocalDate to = LocalDate.parse("2026-11-30");
        List<UserSummary> summary = cube.userSummary(from, to);
        assertThat(summary).hasSize(60).extracting(UserSummary::refDate).isSorted();
        List<UserCumulate> cumulate = cube.userCumulate(from, to);
        assertThat(cumulate).hasSize(30).extracting(UserCumulate::cumulateUser).isSorted();
        assertThat(cube.articleSummary(from, from.plusDays(6))).hasSize(14);
        List<ArticleTotal> total = cube.articleTotal(from, from.plusDays(1));
        assertThat(total).hasSize(2);
        assertThat(total.get(0).details()).hasSize(7);
        assertThat(cube.userRead(from, to)).hasSize(30);
        assertThat(cube.userShare(from, to)).hasSize(60);
        assertThat(cube.upstreamMessages(from, to)).hasSize(60);
        assertThat(cube.interfaceSummary(from, to)).hasSize(30).allSatisfy(r ->
                assertThat(r.meanTimeCost()).isEqualTo(42));
        assertThat(cube.userReadHour(from, from.plusDays(1))).hasSize(48);
        assertThat(cube.userShareHour(from, from)).hasSize(24);
        assertThat(cube.upstreamMessagesHour(from, from)).hasSize(24);
        assertThat(cube.interfaceSummaryHour(from, from.plusDays(2))).hasSize(72);
        // weeks are dated by their Monday: 2, 9, 16, 23, 30 November; two message types each
        assertThat(cube.upstreamMessagesWeek(from, to)).hasSize(10);
        assertThat(cube.upstreamMessagesMonth(LocalDate.parse("2026-09-01"), to)).hasSize(6);
        assertThat(cube.upstreamDistribution(from, to)).hasSize(90);
        assertThat(cube.upstreamDistributionWeek(from, to)).hasSize(15);
        assertThat(cube.upstreamDistributionMonth(LocalDate.parse("2026-10-01"), to)).hasSize(6);
        // the double enforces WeChat's spans, so a raw call over the limit is refused
        assertThatThrownBy(() -> client.post("/datacube/getusersummary", Map.of("begin_date", "2026-11-01",
                "end_date", "2026-11-30"))).isInstanceOf(WeChatApiException.class).hasMessageContaining("61501");
    }

    @Test
    void templatesNetworkQuotaAndShortKeys() {
        client.templates().setIndustry(1, 4);
        assertThat(client.templates().industry().primary().firstClass()).isEqualTo("IT科技");
        assertThat(client.templates().add("TM00015")).isNotEmpty();
        assertThat(client.network().callbackIps()).isNotEmpty();
        assertThat(client.network().apiDomainIps()).hasSize(3);
        assertThat(client.network().check(NetworkApi.CheckAction.ALL, NetworkApi.Operator.DEFAULT).ping())
                .hasSize(1);
        assertThat(client.quota().get("/cgi-bin/message/custom/send").remain()).isEqualTo(498792L);
        client.quota().clear("/cgi-bin/message/custom/send");
        client.quota().clearAll();
        String key = client.shortKeys().generate("{\"seat\":\"A12\"}", Duration.ofDays(7));
        assertThat(client.shortKeys().fetch(key).longData()).contains("A12");
    }
}
