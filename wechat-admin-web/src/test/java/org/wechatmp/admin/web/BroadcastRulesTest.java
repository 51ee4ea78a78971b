package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wechatmp.admin.auth.AdminUser;
import org.wechatmp.admin.auth.Grant;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;

/** The broadcast rules that need no server: who may approve, how openid lists are split, what a form accepts. */
class BroadcastRulesTest {
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    static AdminUser user(long id, String name, boolean superuser, Level broadcast) {
        List<Grant> grants = broadcast == null ? List.of() : List.of(new Grant("demo", Section.BROADCAST, broadcast));
        return new AdminUser(id, name, superuser, true, null, null, T, null, grants);
    }

    static Broadcast by(String author) {
        return BroadcastForm.empty().toBroadcast("demo", author, T);
    }

    @Test
    void theAuthorMayNotApproveTheirOwnUnlessASuperuserIsTheOnlyPublisher() {
        AdminUser root = user(1, "root", true, null);
        AdminUser ann = user(2, "ann", false, Level.PUBLISH);
        AdminUser bob = user(3, "bob", false, Level.EDIT);
        assertThat(BroadcastPages.approveBlock(ann, by("root"), List.of(root, ann), "demo")).isNull();
        assertThat(BroadcastPages.approveBlock(ann, by("ann"), List.of(root, ann), "demo"))
                .isEqualTo("reach.broadcast.err.ownapprove");
        assertThat(BroadcastPages.approveBlock(root, by("root"), List.of(root, ann), "demo"))
                .isEqualTo("reach.broadcast.err.ownapprove");
        // an editor cannot approve, so a superuser with only editors beside them approves alone
        assertThat(BroadcastPages.approveBlock(root, by("root"), List.of(root, bob), "demo")).isNull();
        // an inactive publisher does not count
        AdminUser gone = new AdminUser(4, "gone", false, false, null, null, T, null,
                List.of(new Grant("demo", Section.BROADCAST, Level.PUBLISH)));
        assertThat(BroadcastPages.approveBlock(root, by("root"), List.of(root, gone), "demo")).isNull();
        // a non-superuser publisher alone still needs a second admin
        assertThat(BroadcastPages.approveBlock(ann, by("ann"), List.of(ann), "demo"))
                .isEqualTo("reach.broadcast.err.ownapprove");
    }

    static List<String> openids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "oUser" + String.format("%08d", i)).toList();
    }

    @Test
    void longListsAreSplitEvenlyIntoCallsOfAtMostTenThousand() {
        assertThat(BroadcastSender.split(openids(2))).hasSize(1);
        assertThat(BroadcastSender.split(openids(10_000))).hasSize(1);
        List<List<String>> two = BroadcastSender.split(openids(10_001));
        assertThat(two).extracting(List::size).containsExactly(5001, 5000);
        List<List<String>> many = BroadcastSender.split(openids(35_123));
        assertThat(many).hasSize(4).allSatisfy(c -> assertThat(c.size()).isBetween(2, 10_000));
        List<String> joined = new ArrayList<>();
        many.forEach(joined::addAll);
        assertThat(joined).isEqualTo(openids(35_123));
    }

    static BroadcastForm form(String type, String text, String media, String target, String tag, String openids) {
        return new BroadcastForm(type, text, media, "", "", false, target, tag, openids);
    }

    @Test
    void theFormRefusesWhatWeChatWouldAndKeepsOpenidsInOrderWithoutRepeats() {
        assertThat(form("text", "hi", "", "ALL", "", "").error()).isNull();
        assertThat(form("text", "", "", "ALL", "", "").error()).isEqualTo("reach.broadcast.err.text");
        assertThat(form("text", "x".repeat(2001), "", "ALL", "", "").error()).isEqualTo("reach.broadcast.err.text");
        assertThat(form("link", "hi", "", "ALL", "", "").error()).isEqualTo("reach.broadcast.err.type");
        assertThat(form("image", "", "bad id!", "ALL", "", "").error()).isEqualTo("reach.broadcast.err.media");
        assertThat(form("mpnews", "", "MEDIA_1-x", "TAG", "2", "").error()).isNull();
        assertThat(form("text", "hi", "", "TAG", "", "").error()).isEqualTo("reach.broadcast.err.tag");
        assertThat(form("text", "hi", "", "USERS", "", "oAAAAAA1").error()).isEqualTo("reach.broadcast.err.count");
        assertThat(form("text", "hi", "", "USERS", "", "oAAAAAA1\noAAAAAA1").error())
                .isEqualTo("reach.broadcast.err.count");
        assertThat(form("text", "hi", "", "USERS", "", "oAAAAAA1 <x>").error())
                .isEqualTo("reach.broadcast.err.openid");
        BroadcastForm ok = form("text", "hi", "", "USERS", "", "oBBBBBB2, oAAAAAA1\n\noBBBBBB2;oCCCCCC3");
        assertThat(ok.error()).isNull();
        assertThat(ok.openidList()).containsExactly("oBBBBBB2", "oAAAAAA1", "oCCCCCC3");
        assertThat(form("text", "hi", "", "SOME", "", "").error()).isEqualTo("reach.broadcast.err.target");
        Broadcast b = form("mpnews", "", "MEDIA", "TAG", "100", "").toBroadcast("demo", "ann", T);
        assertThat(b.state()).isEqualTo("PENDING");
        assertThat(b.tagId()).isEqualTo(100);
        assertThat(b.message(null).msgtype()).isEqualTo("mpnews");
    }
}
