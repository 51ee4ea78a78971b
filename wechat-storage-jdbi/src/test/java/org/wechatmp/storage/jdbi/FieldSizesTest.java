package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.spi.WeChatUser;
import org.wechatmp.core.sync.SyncState;

/** WeChat-sized values (200-character openids, long nicknames, 10 KB event keys, URL keys) on every database. */
class FieldSizesTest {
    static final Instant T = Instant.ofEpochMilli(1_700_000_000_000L);

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    static String openid(int i) {
        String head = "o" + i + "_";
        return head + "A".repeat(200 - head.length());
    }

    static WeChatUser user(int i, String nickname) {
        return new WeChatUser(openid(i), "u" + "U".repeat(199), nickname, "https://thirdwx.qlogo.cn/mmopen/"
                + "h".repeat(400) + "/132", 1, "zh_CN", "城".repeat(100), "省".repeat(100), "国".repeat(100), true, T,
                "ADD_SCENE_QR_CODE", 7, "s".repeat(64), "备注".repeat(15), null, List.of(2, 100), T, T);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void usersWithTwoHundredCharacterOpenidsGoThroughTheBatchUpsert(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            String nickname = "😀昵称" + "n".repeat(297);
            assertThat(nickname.codePointCount(0, nickname.length())).isEqualTo(300);
            List<WeChatUser> batch = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                batch.add(user(i, nickname + i));
            }
            s.users().saveAll("demo", batch);
            assertThat(s.users().count("demo")).isEqualTo(600);
            assertThat(s.users().find("demo", openid(599))).contains(batch.get(599));
            // a re-sync updates in place, keeps the local note, duplicates nothing
            s.jdbi().useHandle(h -> h.createUpdate("UPDATE wx_user SET note = 'vip' WHERE openid = :o")
                    .bind("o", openid(7)).execute());
            List<WeChatUser> again = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                again.add(user(i, "again" + i));
            }
            s.users().saveAll("demo", again);
            assertThat(s.users().count("demo")).isEqualTo(600);
            WeChatUser seven = s.users().find("demo", openid(7)).orElseThrow();
            assertThat(seven.nickname()).isEqualTo("again7");
            assertThat(seven.note()).isEqualTo("vip");
            assertThat(seven.firstSeen()).isEqualTo(T);
            assertThat(s.users().markUnsubscribedExcept("demo", Set.of(openid(1)))).isEqualTo(599);
            assertThat(s.users().find("demo", openid(1)).orElseThrow().subscribed()).isTrue();
            assertThat(s.users().recordSubscription("demo", openid(1_000), true, T)).isTrue();
            assertThat(s.users().find("demo", openid(1_000)).orElseThrow().openid()).hasSize(200);

            s.tags().changeMembers("demo", 2, List.of(openid(1), openid(2)), true);
            assertThat(s.tags().members("demo", 2)).containsExactlyInAnyOrder(openid(1), openid(2));
            // the follower cursor is an openid
            s.syncStates().put(new SyncState("demo", "followers", openid(3), org.wechatmp.core.sync.SyncPhase.RUNNING, 1, 2, "ok", T));
            assertThat(s.syncStates().get("demo", "followers").orElseThrow().cursor()).isEqualTo(openid(3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void theMessageLogTakesWeChatSizedRows(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            String key = "https://example.com/?q=" + "键".repeat(10_240);
            String xml = "<xml><FromUserName>" + openid(1) + "</FromUserName><EventKey>" + key + "</EventKey></xml>";
            s.messageLog().append(List.of(
                    new MessageLogEntry("demo", MessageLogEntry.Direction.IN, 0, openid(1), "event", "VIEW", "h", xml, T),
                    new MessageLogEntry("demo", MessageLogEntry.Direction.IN, 0, openid(2), "event",
                            "an_event_name_longer_than_its_column_" + "e".repeat(100), "h".repeat(300), xml,
                            T.plusSeconds(1))));
            List<MessageLogEntry> rows = s.messageLog().query("demo", org.wechatmp.core.callback.MessageLogQuery.builder().page(org.wechatmp.core.spi.PageRequest.first(10)).build()).items().stream().map(org.wechatmp.core.callback.LoggedMessage::entry).toList();
            assertThat(rows).extracting(MessageLogEntry::openid).containsExactly(openid(2), openid(1));
            assertThat(rows).allSatisfy(r -> assertThat(r.xml()).isEqualTo(xml));
            assertThat(rows.get(0).event()).startsWith("an_event_name_longer_than_its_column_");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aMessageLogBatchTheDatabaseRefusesFailsAsAWholeWithAClearException(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            String tooLong = "o".repeat(300);
            assertThatThrownBy(() -> s.messageLog().append(List.of(
                    new MessageLogEntry("demo", MessageLogEntry.Direction.IN, 1, openid(1), "text", "", "", "<x/>", T),
                    new MessageLogEntry("demo", MessageLogEntry.Direction.IN, 2, tooLong, "text", "", "", "<x/>", T))))
                    .isInstanceOf(WeChatException.class).hasMessageContaining("batch of 2 entries was not stored");
            assertThat(s.messageLog().query("demo", org.wechatmp.core.callback.MessageLogQuery.builder().page(org.wechatmp.core.spi.PageRequest.first(10)).build()).items().stream().map(org.wechatmp.core.callback.LoggedMessage::entry).toList()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void handlersKeepAViewButtonUrlKeyAndAUrlInAMediaReply(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            String url = "https://example.com/menu?" + "p".repeat(1_000 - 24);
            String video = "http://61.182.133.153/vweixinp.tc.qq.com/" + "v".repeat(150) + ".mp4";
            Handler h = Handler.builder("menu").createdAt(T).rule(Rule.eventKey("VIEW", url))
                    .reply(HandlerReply.video(video, "t", "d")).build();
            Handler stored = s.handlers().save("demo", h);
            assertThat(s.handlers().handlers("demo")).containsExactly(stored);
            Handler read = s.handlers().handlers("demo").get(0);
            assertThat(read.rules().get(0).key()).isEqualTo(url);
            assertThat(read.replies().get(0).mediaId()).isEqualTo(video);
        }
    }
}
