package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.storage.jdbi.JdbiStorage;

/**
 * The template send log and pending batches (admin migration V3) on H2, and on PostgreSQL and MariaDB when
 * {@code WECHAT_TEST_POSTGRES_URL} / {@code WECHAT_TEST_MARIADB_URL} are set.
 */
class TemplateSendStoreTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

    static Stream<String> databases() {
        return org.wechatmp.admin.AdminTestDatabases.urls().stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSendIsLoggedUpdatedByItsMsgidAndABatchIsReadUntilDone(String url) {
        try (JdbiStorage storage = org.wechatmp.admin.AdminTestDatabases.open(url, clock)) {
            String account = "t" + UUID.randomUUID().toString().substring(0, 8);
            TemplateSendStore store = new TemplateSendStore(storage.jdbi(), clock);

            long a = store.sending(account, null, "TPL", "o1", "root", Map.of("first", "您好"));
            long b = store.sending(account, null, "TPL", "o2", "root", Map.of());
            store.sent(a, 9_000_000_001L);
            store.refused(b, 43004);
            assertThat(store.delivered(account, 9_000_000_001L, "success")).isEqualTo(1);
            assertThat(store.delivered(account, 1L, "success")).isZero();
            assertThat(store.delivered("other", 9_000_000_001L, "failed:user block")).isZero();

            TemplateSendRow ra = store.find(account, a).orElseThrow();
            assertThat(ra.status()).isEqualTo("success");
            assertThat(ra.msgId()).isEqualTo(9_000_000_001L);
            assertThat(ra.data()).containsEntry("first", "您好");
            assertThat(ra.statusAt()).isEqualTo(clock.instant());
            TemplateSendRow rb = store.find(account, b).orElseThrow();
            assertThat(rb.status()).isEqualTo("error");
            assertThat(rb.errcode()).isEqualTo(43004);
            assertThat(rb.msgId()).isNull();

            assertThat(store.page(account, "", "", "", 0, 10)).extracting(TemplateSendRow::id).containsExactly(b, a);
            assertThat(store.page(account, "", "", "", b, 10)).extracting(TemplateSendRow::id).containsExactly(a);
            assertThat(store.page(account, "TPL", "error", "o2", 0, 10)).hasSize(1);
            assertThat(store.page(account, "", "", "nobody", 0, 10)).isEmpty();

            long batch = store.createBatch(account, "TPL", 100, Map.of("first", "x"), null, "root");
            assertThat(store.pendingBatch(account).orElseThrow().tagId()).isEqualTo(100);
            store.sending(account, batch, "TPL", "o3", "root", Map.of("first", "x"));
            assertThat(store.batchOpenids(batch)).containsExactly("o3");
            store.finishBatch(batch);
            assertThat(store.pendingBatch(account)).isEmpty();
        }
    }
}
