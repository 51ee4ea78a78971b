package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.callback.Deduplicator.State;
import org.wechatmp.core.callback.Deduplicator.Status;

/**
 * PostgreSQL admits concurrent deliveries in shared statements ({@link AdmitBatch}). Sixteen threads admit 4,800
 * deliveries over 1,000 keys and 2,000 nonces (a third of them claims without a nonce, as an encrypted delivery's),
 * so one batch often holds the same key or nonce twice: the answers are still those of one-at-a-time admissions (each
 * nonce fresh exactly once; each key claimed exactly once if any of its deliveries came with a fresh nonce or none),
 * and fewer statements ran than deliveries. When the database is gone every
 * waiting caller gets the error; none is left waiting.
 */
class AdmitBatchTest {
    static final int THREADS = 16;
    static final int EACH = 300;

    @Test
    void concurrentAdmissionsShareStatementsAndKeepOneAtATimeAnswers() throws Exception {
        Databases.Db db = postgres();
        try (JdbiStorage s = Databases.fresh(db); HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(db.url());
            ds.setMaximumPoolSize(4);
            JdbiDeliveryStore d = new JdbiDeliveryStore(s.jdbi(), ds, Clock.systemUTC(), s.vendor());
            Instant exp = Instant.now().plusSeconds(600);
            Map<String, AtomicInteger> freshByNonce = new ConcurrentHashMap<>();
            Map<String, AtomicInteger> claimsByKey = new ConcurrentHashMap<>();
            Map<String, AtomicInteger> freshByKey = new ConcurrentHashMap<>();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EACH; i++) {
                        String key = "k" + random.nextInt(1_000);
                        String nonce = "n" + random.nextInt(2_000);
                        // a third are claims alone (an encrypted delivery's), in the same batches
                        boolean claimOnly = random.nextInt(3) == 0;
                        Optional<Status> st = claimOnly ? Optional.of(d.begin(key, exp))
                                : d.admit("acc", nonce, exp, key, exp);
                        if (st.isPresent()) {
                            if (!claimOnly) {
                                freshByNonce.computeIfAbsent(nonce, k -> new AtomicInteger()).incrementAndGet();
                            }
                            freshByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                            if (st.get().state() == State.CLAIMED) {
                                claimsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                            } else {
                                assertThat(st.get().state()).isEqualTo(State.IN_PROGRESS);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(freshByNonce.values()).allMatch(n -> n.get() == 1);
            assertThat(claimsByKey.keySet()).isEqualTo(freshByKey.keySet());
            assertThat(claimsByKey.values()).allMatch(n -> n.get() == 1);
            // what the database holds agrees: one row per fresh nonce and per claimed key
            long nonceRows = s.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM wx_nonce")
                    .mapTo(Long.class).one());
            long dedupeRows = s.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM wx_dedupe")
                    .mapTo(Long.class).one());
            assertThat(nonceRows).isEqualTo(freshByNonce.size());
            assertThat(dedupeRows).isEqualTo(claimsByKey.size());
            assertThat(d.admissionStatements()).as("statements for %d admissions", THREADS * EACH)
                    .isLessThan(THREADS * EACH);
            d.close();
        }
    }

    /**
     * Encrypted deliveries only (safe mode, production's usual case): every batch is claims alone, written by the
     * shorter statement ({@link AdmitBatch#CLAIMS_SQL}). Each key is claimed exactly once however its deliveries were
     * batched, the others see it in progress, an expired record and a lapsed claim are taken over, a live one is not.
     */
    @Test
    void claimsAloneShareTheShorterStatementAndEachKeyIsClaimedOnce() throws Exception {
        Databases.Db db = postgres();
        try (JdbiStorage s = Databases.fresh(db); HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(db.url());
            ds.setMaximumPoolSize(4);
            JdbiDeliveryStore d = new JdbiDeliveryStore(s.jdbi(), ds, Clock.systemUTC(), s.vendor());
            Instant exp = Instant.now().plusSeconds(600);
            Map<String, AtomicInteger> claimsByKey = new ConcurrentHashMap<>();
            AtomicInteger held = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(100 + t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EACH; i++) {
                        String key = "1733000000:k" + random.nextInt(1_000);
                        Status st = d.begin(key, exp);
                        if (st.state() == State.CLAIMED) {
                            claimsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        } else {
                            assertThat(st.state()).isEqualTo(State.IN_PROGRESS);
                            held.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(claimsByKey.values()).allMatch(n -> n.get() == 1);
            assertThat(claimsByKey.size() + held.get()).isEqualTo(THREADS * EACH);
            long rows = s.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM wx_dedupe")
                    .mapTo(Long.class).one());
            assertThat(rows).isEqualTo(claimsByKey.size());
            assertThat(d.admissionStatements()).as("statements for %d claims", THREADS * EACH)
                    .isLessThan(THREADS * EACH);
            // an expired record is taken over; a live claim is not; a claim whose lease lapsed is
            String old = "1733000000:expired";
            String live = "1733000000:live";
            String lapsed = "1733000000:lapsed";
            long now = System.currentTimeMillis();
            s.jdbi().useHandle(h -> {
                h.execute("INSERT INTO wx_dedupe (msg_key, state, reply, expires_at, lease_until) VALUES (?, 'DONE', "
                        + "'r', ?, NULL)", JdbiDeliveryStore.storedKey(old), now - 1_000);
                h.execute("INSERT INTO wx_dedupe (msg_key, state, expires_at, lease_until) VALUES (?, 'IN_PROGRESS', "
                        + "?, ?)", JdbiDeliveryStore.storedKey(live), now + 600_000, now + 600_000);
                h.execute("INSERT INTO wx_dedupe (msg_key, state, expires_at, lease_until) VALUES (?, 'IN_PROGRESS', "
                        + "?, ?)", JdbiDeliveryStore.storedKey(lapsed), now + 600_000, now - 1_000);
            });
            assertThat(d.begin(old, exp).state()).isEqualTo(State.CLAIMED);
            assertThat(d.begin(live, exp).state()).isEqualTo(State.IN_PROGRESS);
            assertThat(d.begin(lapsed, exp).state()).isEqualTo(State.CLAIMED);
            d.close();
        }
    }

    @Test
    void whenTheDatabaseIsGoneEveryWaitingCallerGetsTheError() throws Exception {
        Databases.Db db = postgres();
        try (JdbiStorage s = Databases.fresh(db)) {
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(db.url());
            ds.setMaximumPoolSize(1);
            ds.setConnectionTimeout(250);
            JdbiDeliveryStore d = new JdbiDeliveryStore(s.jdbi(), ds, Clock.systemUTC(), s.vendor());
            Instant exp = Instant.now().plusSeconds(600);
            assertThat(d.admit("acc", "before", exp, "before", exp)).contains(new Status(State.CLAIMED, ""));
            ds.close();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String n = "after" + t;
                calls.add(pool.submit(() -> d.admit("acc", n, exp, n, exp)));
            }
            for (Future<?> f : calls) {
                assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(WeChatException.class)
                        .hasMessageContaining("delivery admission failed");
            }
            pool.shutdown();
        }
    }

    private static Databases.Db postgres() {
        Databases.Db db = Databases.all().stream().filter(x -> x.name().equals("postgresql")).findFirst()
                .orElse(null);
        Assumptions.assumeTrue(db != null, "PostgreSQL only; set WECHAT_TEST_POSTGRES_URL to run it");
        return db;
    }
}
