package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.callback.NonceStore;

/**
 * Expired claims and nonces leave the tables without anyone asking: every 1,024 operations the store's own writer
 * thread deletes them, on every database, and what has not expired stays.
 */
class DeliverySweepTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void expiredRowsAreSweptAfterAThousandOperations(Databases.Db db) throws Exception {
        try (JdbiStorage s = JdbiStorage.builder(db.url()).poolSize(2).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()) {
            Databases.wipe(s.jdbi());
            Deduplicator d = s.deduplicator();
            NonceStore n = s.nonces();
            for (int i = 0; i < 10; i++) {
                d.begin("old-" + i, NOW.minusSeconds(1));
                n.firstUse("acc", "old-" + i, NOW.minusSeconds(1));
            }
            for (int i = 0; i < 1_100; i++) {
                d.begin("live-" + i, NOW.plusSeconds(120));
            }
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (expired(s) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(expired(s)).as("expired claims and nonces left").isZero();
            long rows = s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wx_dedupe").mapTo(Long.class)
                    .one());
            assertThat(rows).as("live claims").isEqualTo(1_100L);
            assertThat(d.begin("live-7", NOW.plusSeconds(120)).state()).isEqualTo(Deduplicator.State.IN_PROGRESS);
        }
    }

    private static long expired(JdbiStorage s) {
        long now = NOW.toEpochMilli();
        return s.jdbi().withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM wx_dedupe WHERE expires_at < :n)"
                + " + (SELECT COUNT(*) FROM wx_nonce WHERE expires_at < :n)").bind("n", now).mapTo(Long.class).one());
    }
}
