package org.wechatmp.examples.wechatdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.client.WeChatClient;

/** The double's stateful follower answers: tags, tagging, remarks, the blacklist, and WeChat's errcodes. */
class WeChatDoubleFollowerAnswersTest {
    private static WeChatClient client(WeChatDouble wechat) {
        return WeChatClient.builder(Account.of("d", Defaults.APP_ID, Defaults.SECRET, Defaults.TOKEN)
                .withOption("api_base", wechat.baseUrl())).build();
    }

    private static int errcode(Runnable call) {
        try {
            call.run();
        } catch (WeChatApiException e) {
            return e.errcode();
        }
        throw new AssertionError("no errcode");
    }

    @Test
    void tagsAreCreatedRenamedDeletedAndSystemTagsRefused() {
        try (WeChatDouble wechat = WeChatDouble.builder().followers(10).start(); WeChatClient c = client(wechat)) {
            Tag t = c.tags().create("客户");
            assertThat(c.tags().list()).extracting(Tag::name).contains("星标组", "demo", "客户");
            c.tags().update(t.id(), "老客户");
            assertThat(c.tags().list()).extracting(Tag::name).contains("老客户").doesNotContain("客户");
            assertThat(errcode(() -> c.tags().create("老客户"))).isEqualTo(45157);
            assertThat(errcode(() -> c.tags().create("长".repeat(31)))).isEqualTo(45158);
            assertThat(errcode(() -> c.tags().delete(2))).isEqualTo(45058);
            assertThat(errcode(() -> c.tags().update(1, "x"))).isEqualTo(45058);
            assertThat(errcode(() -> c.tags().delete(999))).isEqualTo(45159);
            c.tags().tagUsers(t.id(), List.of(WeChatDouble.openid(1), WeChatDouble.openid(2)));
            assertThat(c.tags().list()).filteredOn(x -> x.id() == t.id()).extracting(Tag::count).containsExactly(2);
            assertThat(c.tags().allUsers(t.id()).toList()).containsExactly(WeChatDouble.openid(1),
                    WeChatDouble.openid(2));
            assertThat(c.users().info(WeChatDouble.openid(1)).tagidList()).contains(t.id());
            c.tags().untagUsers(t.id(), List.of(WeChatDouble.openid(1)));
            assertThat(c.tags().tagsOf(WeChatDouble.openid(1))).doesNotContain(t.id());
            assertThat(errcode(() -> c.tags().tagUsers(t.id(), List.of("oStranger")))).isEqualTo(40003);
            c.tags().delete(t.id());
            assertThat(c.tags().list()).extracting(Tag::id).doesNotContain(t.id());
            wechat.failNext("/cgi-bin/tags/create", 45056, "too many tags now, no need to add new");
            assertThat(errcode(() -> c.tags().create("x"))).isEqualTo(45056);
        }
    }

    @Test
    void remarksAndTheBlacklistAreRemembered() {
        try (WeChatDouble wechat = WeChatDouble.builder().followers(10).start(); WeChatClient c = client(wechat)) {
            c.users().updateRemark(WeChatDouble.openid(3), "大客户");
            assertThat(c.users().info(WeChatDouble.openid(3)).remark()).isEqualTo("大客户");
            assertThat(c.users().batchInfo(List.of(WeChatDouble.openid(3))).get(0).remark()).isEqualTo("大客户");
            assertThat(c.users().info(WeChatDouble.openid(3)).headimgurl()).startsWith(wechat.baseUrl() + "/mmopen/");
            c.users().blacklistAdd(List.of(WeChatDouble.openid(4), WeChatDouble.openid(5)));
            assertThat(c.users().allBlacklisted().toList()).containsExactly(WeChatDouble.openid(4),
                    WeChatDouble.openid(5));
            c.users().blacklistRemove(List.of(WeChatDouble.openid(4)));
            assertThat(wechat.blacklisted()).containsExactly(WeChatDouble.openid(5));
            assertThatThrownBy(() -> c.users().blacklistAdd(List.of("oStranger")))
                    .isInstanceOf(WeChatApiException.class).hasMessageContaining("40003");
        }
    }
}
