package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.NewsArticle;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.callback.DeliveryGate;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.client.StoredToken;
import org.wechatmp.core.spi.WeChatUser;

/** Every repository on every available database. */
class StorageContractTest {
    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    static final String KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void accountsRoundTripWithSecretsEncryptedAtRest(Databases.Db db) {
        try (JdbiStorage s = JdbiStorage.builder(db.url()).masterKey(KEY).build()) {
            Databases.wipe(s.jdbi());
            Account a = new Account("demo", "演示", Account.Type.SERVICE, "wx1", "the-secret", "the-token",
                    "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", EncryptMode.SAFE, true, false,
                    Map.of("api_base", "http://127.0.0.1:1"));
            s.accounts().save(a);
            assertThat(s.accounts().find("demo")).contains(a);
            assertThat(s.accounts().all()).containsExactly(a);
            String raw = s.jdbi().withHandle(h -> h.createQuery("SELECT secret, token, aes_key FROM wx_account")
                    .map((rs, ctx) -> rs.getString(1) + rs.getString(2) + rs.getString(3)).one());
            assertThat(raw).doesNotContain("the-secret").doesNotContain("the-token").doesNotContain("abcdefgh")
                    .startsWith("gcm:");
            try (JdbiStorage noKey = JdbiStorage.builder(db.url()).build()) {
                assertThatThrownBy(() -> noKey.accounts().all()).isInstanceOf(WeChatException.class)
                        .hasMessageContaining("master key");
            }
            s.accounts().delete("demo");
            assertThat(s.accounts().find("demo")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void withoutAMasterKeySecretsAreStoredAsTheyAre(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            s.accounts().save(Account.of("plain", "wx2", "s2", "t2"));
            assertThat(s.accounts().find("plain").orElseThrow().secret()).isEqualTo("s2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void tokenLeaseAndCompareAndExpire(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            var t = s.tokens();
            Instant later = Instant.now().plusSeconds(30);
            assertThat(t.get("k")).isEmpty();
            assertThat(t.tryLease("k", "A", later)).isTrue();
            assertThat(t.tryLease("k", "B", later)).isFalse();
            assertThat(t.tryLease("k", "A", later)).isTrue();
            t.put("k", new StoredToken("T1", Instant.ofEpochMilli(1_900_000_000_000L)));
            t.releaseLease("k", "A");
            assertThat(t.tryLease("k", "B", later)).isTrue();
            assertThat(t.get("k")).contains(new StoredToken("T1", Instant.ofEpochMilli(1_900_000_000_000L)));
            assertThat(t.expireIf("k", "OLD")).isFalse();
            assertThat(t.get("k")).isPresent();
            assertThat(t.expireIf("k", "T1")).isTrue();
            assertThat(t.get("k")).isEmpty();
            // an expired lease can be taken over
            assertThat(t.tryLease("k2", "A", Instant.now().minusSeconds(1))).isTrue();
            assertThat(t.tryLease("k2", "B", later)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void dedupeAndNonces(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            Instant exp = Instant.now().plusSeconds(60);
            Deduplicator d = s.deduplicator();
            assertThat(d.begin("m1", exp).state()).isEqualTo(Deduplicator.State.CLAIMED);
            assertThat(d.begin("m1", exp).state()).isEqualTo(Deduplicator.State.IN_PROGRESS);
            d.finish("m1", "<xml>r</xml>", exp);
            assertThat(d.begin("m1", exp)).isEqualTo(new Deduplicator.Status(Deduplicator.State.DONE, "<xml>r</xml>"));
            assertThat(d.get("m1").orElseThrow().reply()).isEqualTo("<xml>r</xml>");
            // an expired record is claimed again
            assertThat(d.begin("m2", Instant.now().minusSeconds(1)).state()).isEqualTo(Deduplicator.State.CLAIMED);
            assertThat(d.begin("m2", exp).state()).isEqualTo(Deduplicator.State.CLAIMED);

            assertThat(s.nonces().firstUse("a", "n1", exp)).isTrue();
            assertThat(s.nonces().firstUse("a", "n1", exp)).isFalse();
            assertThat(s.nonces().firstUse("b", "n1", exp)).isTrue();
            assertThat(s.nonces().firstUse("a", "old", Instant.now().minusSeconds(5))).isTrue();
            assertThat(s.sweepExpired()).isGreaterThanOrEqualTo(1);
            assertThat(s.nonces().firstUse("a", "old", exp)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void finishedDeliveriesAreSeenAtOnceHereAndWrittenInBatchesForTheOtherNodes(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            Instant exp = Instant.now().plusSeconds(60);
            Deduplicator d = s.deduplicator();
            JdbiStorage node2 = JdbiStorage.builder(db.url()).poolSize(2).build();
            Deduplicator other = node2.deduplicator();
            int n = 2_500;
            for (int i = 0; i < n; i++) {
                assertThat(d.begin("batch" + i, exp).state()).isEqualTo(Deduplicator.State.CLAIMED);
            }
            for (int i = 0; i < n; i++) {
                d.finish("batch" + i, "<xml>" + i + "</xml>", exp);
                // this node answers a retry with the reply at once, written or not
                assertThat(d.get("batch" + i)).contains(new Deduplicator.Status(Deduplicator.State.DONE,
                        "<xml>" + i + "</xml>"));
            }
            // the rows reach the database within moments (no flush asked for), none lost
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long rows = 0;
            while (rows < n && System.nanoTime() < deadline) {
                rows = s.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM wx_dedupe WHERE state = 'DONE'")
                        .mapTo(Long.class).one());
            }
            assertThat(rows).isEqualTo(n);
            // and the other node answers with each reply
            for (int i = 0; i < n; i++) {
                assertThat(other.get("batch" + i)).contains(new Deduplicator.Status(Deduplicator.State.DONE,
                        "<xml>" + i + "</xml>"));
            }
            node2.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void pastTheQueueBoundEachFinishIsWrittenByItsCaller(Databases.Db db) {
        Instant exp = Instant.now().plusSeconds(60);
        try (JdbiStorage s = Databases.fresh(db);
                com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource()) {
            ds.setJdbcUrl(db.url());
            ds.setMaximumPoolSize(2);
            JdbiDeliveryStore full = new JdbiDeliveryStore(s.jdbi(), ds, java.time.Clock.systemUTC(), s.vendor(), 0);
            full.begin("bound", exp);
            full.finish("bound", "<xml>now</xml>", exp);
            // written before finish returned: the database has it, with no writer thread involved
            List<String> written = s.jdbi().withHandle(h -> h.createQuery("SELECT reply FROM wx_dedupe WHERE state = "
                    + "'DONE'").mapTo(String.class).list());
            assertThat(written).containsExactly("<xml>now</xml>");
            full.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aFinishStillQueuedWhenTheStorageClosesIsWritten(Databases.Db db) {
        Instant exp = Instant.now().plusSeconds(60);
        try (JdbiStorage s = Databases.fresh(db)) {
            s.deduplicator().begin("closing", exp);
            s.deduplicator().finish("closing", "<xml>last</xml>", exp);
        }
        try (JdbiStorage again = JdbiStorage.builder(db.url()).build()) {
            assertThat(again.deduplicator().get("closing")).contains(new Deduplicator.Status(
                    Deduplicator.State.DONE, "<xml>last</xml>"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aNonceAndItsClaimInOneAdmission(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            Instant exp = Instant.now().plusSeconds(60);
            assertThat(s.deduplicator()).isSameAs(s.nonces()).isInstanceOf(DeliveryGate.class);
            DeliveryGate g = (DeliveryGate) s.deduplicator();
            // a fresh nonce claims the key
            assertThat(g.admit("a", "n1", exp, "k1", exp)).contains(new Deduplicator.Status(Deduplicator.State.CLAIMED,
                    ""));
            // the same nonce again claims nothing, whatever the key
            assertThat(g.admit("a", "n1", exp, "k2", exp)).isEmpty();
            assertThat(g.get("k2")).isEmpty();
            // a redelivery (new nonce, same key) sees the delivery in progress, then its reply
            assertThat(g.admit("a", "n2", exp, "k1", exp)).contains(new Deduplicator.Status(
                    Deduplicator.State.IN_PROGRESS, ""));
            g.finish("k1", "<xml>r</xml>", exp);
            assertThat(g.admit("a", "n3", exp, "k1", exp)).contains(new Deduplicator.Status(Deduplicator.State.DONE,
                    "<xml>r</xml>"));
            // expired nonce and expired record are taken over
            assertThat(g.admit("a", "old", Instant.now().minusSeconds(5), "k3", Instant.now().minusSeconds(5)))
                    .contains(new Deduplicator.Status(Deduplicator.State.CLAIMED, ""));
            assertThat(g.admit("a", "old", exp, "k3", exp)).contains(new Deduplicator.Status(
                    Deduplicator.State.CLAIMED, ""));
            // the nonce store and the admission agree
            assertThat(s.nonces().firstUse("a", "n2", exp)).isFalse();
            assertThat(g.admit("b", "n1", exp, "k4", exp)).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void identifiersThatDifferOnlyInCaseAreDifferentFollowers(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            Instant now = Instant.ofEpochMilli(1_700_000_000_000L);
            s.users().saveAll("demo", List.of(
                    new WeChatUser("oCaseAbc", null, "upper", null, 1, "zh_CN", "", "", "", true, now, "", 0, null,
                            null, null, List.of(), now, now),
                    new WeChatUser("ocaseabc", null, "lower", null, 1, "zh_CN", "", "", "", true, now, "", 0, null,
                            null, null, List.of(), now, now)));
            assertThat(s.users().count("demo")).isEqualTo(2);
            assertThat(s.users().find("demo", "oCaseAbc").orElseThrow().nickname()).isEqualTo("upper");
            assertThat(s.users().find("demo", "ocaseabc").orElseThrow().nickname()).isEqualTo("lower");
            assertThat(s.users().find("demo", "OCASEABC")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void usersUpsertInBatchesAndKeepLocalFields(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            var users = s.users();
            Instant now = Instant.ofEpochMilli(1_700_000_000_000L);
            List<WeChatUser> batch = new ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                batch.add(new WeChatUser("o" + i, "u" + i, "nick" + i, null, 1, "zh_CN", "广州", "广东", "中国", true,
                        now, "ADD_SCENE_QR_CODE", 7, null, null, null, List.of(2, 100), now, now));
            }
            users.saveAll("demo", batch);
            users.saveAll("demo", batch); // re-running duplicates nothing
            assertThat(users.count("demo")).isEqualTo(1_200);
            WeChatUser o5 = users.find("demo", "o5").orElseThrow();
            assertThat(o5.nickname()).isEqualTo("nick5");
            assertThat(o5.city()).isEqualTo("广州");
            assertThat(o5.tagIds()).containsExactly(2, 100);
            assertThat(o5.subscribed()).isTrue();
            // a local note survives a re-sync
            s.jdbi().useHandle(h -> h.execute("UPDATE wx_user SET note = 'vip' WHERE openid = 'o5'"));
            users.saveAll("demo", List.of(o5));
            assertThat(users.find("demo", "o5").orElseThrow().note()).isEqualTo("vip");
            assertThat(users.markUnsubscribedExcept("demo", Set.of("o1", "o2"))).isEqualTo(1_198);
            assertThat(users.find("demo", "o5").orElseThrow().subscribed()).isFalse();
            assertThat(users.find("demo", "o1").orElseThrow().subscribed()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void subscriptionsRecordTheFirstFollow(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            Instant t = Instant.now();
            assertThat(s.users().recordSubscription("demo", "oNew", true, t)).isTrue();
            assertThat(s.users().recordSubscription("demo", "oNew", false, t)).isFalse();
            assertThat(s.users().recordSubscription("demo", "oNew", true, t)).isFalse();
            assertThat(s.users().find("demo", "oNew").orElseThrow().subscribed()).isTrue();
            assertThat(s.users().recordSubscription("demo", "oGone", false, t)).isFalse();
            assertThat(s.users().find("demo", "oGone").orElseThrow().subscribed()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void handlersMapTheEngineModelExactly(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            var repo = s.handlers();
            long v0 = repo.version("demo");
            Handler h = Handler.builder("全部").weight(5).window(Instant.ofEpochMilli(1000), Instant.ofEpochMilli(9000))
                    .strategy(Handler.Strategy.RANDOM_ONE).logMessages(true).source(Handler.Source.IMPORTED)
                    .createdAt(Instant.ofEpochMilli(123_000))
                    .rule(Rule.contains("你好")).rule(Rule.eventKey("CLICK", "K1")).rule(Rule.regex("^a.*b$"))
                    .rule(Rule.all()).rule(Rule.custom("vip"))
                    .reply(HandlerReply.text("文本")).reply(HandlerReply.music("t", "d", "u", "hq", "th"))
                    .reply(HandlerReply.news("N1")).reply(HandlerReply.forward("http://127.0.0.1/f"))
                    .reply(HandlerReply.custom("fn")).reply(HandlerReply.transfer("kf@gh"))
                    .reply(HandlerReply.video("m", "title", null)).build();
            Handler stored = repo.save("demo", h);
            assertThat(stored.id()).isPositive();
            assertThat(repo.version("demo")).isGreaterThan(v0);
            assertThat(repo.handlers("demo")).containsExactly(stored);
            assertThat(stored.toBuilder().id(0).build()).isEqualTo(h);

            Handler changed = repo.save("demo", stored.toBuilder().weight(9).build());
            assertThat(repo.handlers("demo")).singleElement().satisfies(x -> assertThat(x.weight()).isEqualTo(9));
            repo.delete("demo", changed.id());
            assertThat(repo.handlers("demo")).isEmpty();

            repo.save("demo", Handler.builder("mine").rule(Rule.all()).reply(HandlerReply.text("x")).build());
            repo.replaceSource("demo", Handler.Source.IMPORTED, List.of(h, h));
            repo.replaceSource("demo", Handler.Source.IMPORTED, List.of(h));
            assertThat(repo.handlers("demo")).extracting(Handler::name).containsExactlyInAnyOrder("mine", "全部");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void materialsArticlesMenusAndTheMessageLog(Databases.Db db) throws Exception {
        try (JdbiStorage s = Databases.fresh(db)) {
            List<NewsArticle> articles = IntStream.range(0, 3).mapToObj(i -> new NewsArticle("标题" + i, "th" + i,
                    "http://t/" + i, 1, "a", "d" + i, "<p>" + "长".repeat(5_000) + "</p>", "http://u/" + i, "", 0, 1))
                    .toList();
            s.materials().save("demo", "news", new MaterialItem("N1", "", 1_700_000_000L, "", articles));
            s.materials().save("demo", "news", new MaterialItem("N1", "", 1_700_000_001L, "", articles));
            assertThat(s.materials().articles("demo", "N1")).isEqualTo(articles);
            assertThat(s.materials().articles("demo", "nope")).isEmpty();

            var menu = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    "{\"button\":[{\"name\":\"菜单\",\"type\":\"click\",\"key\":\"K\"}]}");
            s.menus().save("demo", menu);
            s.menus().save("demo", menu);
            assertThat(s.menus().menu("demo")).contains(menu);
            s.menus().recordPublished("demo", menu);
            assertThat(s.menus().published("demo")).contains(menu);
            s.menus().replaceConditionalMenus("demo", java.util.Map.of("1", menu, "2", menu));
            s.menus().replaceConditionalMenus("demo", java.util.Map.of("2", menu));
            assertThat(s.menus().conditionalMenus("demo")).containsOnlyKeys("2");
            assertThat(s.menus().menu("demo")).contains(menu);

            Instant t = Instant.ofEpochMilli(1_700_000_000_000L);
            s.messageLog().append(List.of(
                    new MessageLogEntry("demo", MessageLogEntry.Direction.IN, 42, "o1", "text", "", "h", "<xml/>", t),
                    new MessageLogEntry("demo", MessageLogEntry.Direction.OUT, 0, "o1", "text", "", "h", "<xml>r</xml>",
                            t.plus(Duration.ofSeconds(1)))));
            assertThat(s.messageLog().query("demo", org.wechatmp.core.callback.MessageLogQuery.builder().build()).items())
                    .extracting(m -> m.entry().direction())
                    .containsExactly(MessageLogEntry.Direction.OUT, MessageLogEntry.Direction.IN);
        }
    }
}
