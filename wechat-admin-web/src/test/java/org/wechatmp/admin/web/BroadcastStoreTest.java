package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * The broadcast tables (admin migration V8) and their store on H2, and on PostgreSQL and MariaDB when
 * {@code WECHAT_TEST_POSTGRES_URL} / {@code WECHAT_TEST_MARIADB_URL} name a database the test may empty.
 */
class BroadcastStoreTest {
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private JdbiStorage storage;

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
    }

    private BroadcastStore open(String vendor) {
        String url = switch (vendor) {
            case "postgresql" -> System.getenv("WECHAT_TEST_POSTGRES_URL");
            case "mariadb" -> System.getenv("WECHAT_TEST_MARIADB_URL");
            default -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        };
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null && !url.isBlank(), vendor + " not configured");
        storage = org.wechatmp.admin.AdminTestDatabases.open(url, java.time.Clock.systemUTC());
        return new BroadcastStore(storage.jdbi());
    }

    static Broadcast draft(String type, String content, String target) {
        return new Broadcast(0, "demo", "PENDING", type, content, null, null, false, target,
                "TAG".equals(target) ? 2 : null, 0, "ann", T, null, null, null, null, null, null, List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aBroadcastGoesFromPendingThroughItsSendsToSentAndOnlyOnce(String vendor) {
        BroadcastStore store = open(vendor);
        List<String> openids = IntStream.range(0, 2_500).mapToObj(i -> "oUser" + String.format("%06d", i)).toList();
        long id = store.insert(draft("mpnews", "MEDIA_1", "USERS"), openids);
        long other = store.insert(draft("text", "你好 <b>", "TAG"), List.of());
        assertThat(store.openids(id)).isEqualTo(openids);
        Broadcast b = store.find("demo", id).orElseThrow();
        assertThat(b.userCount()).isEqualTo(2_500);
        assertThat(b.pending()).isTrue();
        assertThat(store.find("other", id)).isEmpty();
        assertThat(store.find("demo", other).orElseThrow().content()).isEqualTo("你好 <b>");
        assertThat(store.count("demo", "PENDING")).isEqualTo(2);
        assertThat(store.list("demo", null, 0, 1)).extracting(Broadcast::id).containsExactly(other);

        // two approvals at once: one moves it
        assertThat(store.move(id, "PENDING", "SENDING", "bob", T, null)).isTrue();
        assertThat(store.move(id, "PENDING", "SENDING", "carl", T, null)).isFalse();
        store.state(id, "SENDING", T, null, null);
        store.addSend(id, 1, 1_000_002_001L, 2_247_484_001L, T);
        store.addSend(id, 2, 1_000_002_002L, null, T);
        assertThat(store.bySend("demo", 1_000_002_002L)).contains(id);
        assertThat(store.bySend("other", 1_000_002_002L)).isEmpty();
        assertThat(store.sendingSince(T.plusSeconds(1))).extracting(Broadcast::id).containsExactly(id);
        assertThat(store.articles("demo", 10)).extracting(Broadcast::id).containsExactly(id);

        BroadcastSender sender = new BroadcastSender(store, Clock.fixed(T, ZoneOffset.UTC));
        store.finish(id, 1_000_002_001L, "send success", 1000, 990, 980, 10, T);
        assertThat(sender.settle("demo", id)).isNull();
        store.status(id, 2, "SEND_SUCCESS", T);
        assertThat(sender.settle("demo", id)).isEqualTo("SENT");
        assertThat(sender.settle("demo", id)).isNull();
        Broadcast sent = store.find("demo", id).orElseThrow();
        assertThat(sent.state()).isEqualTo("SENT");
        assertThat(sent.reviewer()).isEqualTo("bob");
        assertThat(sent.count("total")).isEqualTo(1000);
        assertThat(sent.count("sent")).isEqualTo(980);
        assertThat(sent.sends().get(0).msgDataId()).isEqualTo(2_247_484_001L);
        assertThat(sent.sends().get(1).msgDataId()).isNull();

        // a send WeChat refused before sending anything goes back to review, unreviewed
        assertThat(store.move(other, "PENDING", "SENDING", "bob", T, null)).isTrue();
        store.reopen(other);
        Broadcast reopened = store.find("demo", other).orElseThrow();
        assertThat(reopened.pending()).isTrue();
        assertThat(reopened.reviewer()).isNull();
        store.state(other, "FAILED", null, 40007, "x".repeat(600));
        assertThat(store.find("demo", other).orElseThrow().error()).hasSize(500);
        assertThat(store.list("demo", "FAILED", 0, 10)).extracting(Broadcast::errcode).containsExactly(40007);
    }
}
