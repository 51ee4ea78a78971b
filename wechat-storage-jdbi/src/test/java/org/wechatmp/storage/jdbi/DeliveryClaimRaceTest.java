package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.callback.DeliveryGate;
import org.wechatmp.core.callback.Deduplicator.State;
import org.wechatmp.core.callback.NonceStore;

/**
 * Eight threads, each on its own pooled connection, claim the same delivery (or nonce) at the same moment: exactly
 * one wins, whether the row is new or an expired one being taken over, on every database.
 */
class DeliveryClaimRaceTest {
    static final int THREADS = 8;
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void eightThreadsClaimingOneDeliveryAtOnceHaveExactlyOneWinner(Databases.Db db) throws Exception {
        try (JdbiStorage s = fresh(db)) {
            Deduplicator d = s.deduplicator();
            for (int round = 0; round < 10; round++) {
                String key = "race-" + round;
                List<State> states = race(() -> d.begin(key, NOW.plusSeconds(120)).state());
                assertThat(states).filteredOn(st -> st == State.CLAIMED).hasSize(1);
                assertThat(states).filteredOn(st -> st == State.IN_PROGRESS).hasSize(THREADS - 1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void eightThreadsTakingOverOneExpiredDeliveryHaveExactlyOneWinner(Databases.Db db) throws Exception {
        try (JdbiStorage s = fresh(db)) {
            Deduplicator d = s.deduplicator();
            for (int round = 0; round < 10; round++) {
                String key = "expired-" + round;
                assertThat(d.begin(key, NOW.minusSeconds(1)).state()).isEqualTo(State.CLAIMED);
                d.finish(key, "<xml>old</xml>", NOW.minusSeconds(1));
                List<State> states = race(() -> d.begin(key, NOW.plusSeconds(120)).state());
                assertThat(states).filteredOn(st -> st == State.CLAIMED).hasSize(1);
                assertThat(states).filteredOn(st -> st == State.IN_PROGRESS).hasSize(THREADS - 1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void eightThreadsUsingOneNonceAtOnceHaveExactlyOneFirstUse(Databases.Db db) throws Exception {
        try (JdbiStorage s = fresh(db)) {
            NonceStore n = s.nonces();
            for (int round = 0; round < 10; round++) {
                String fresh = "nonce-" + round;
                assertThat(race(() -> n.firstUse("acc", fresh, NOW.plusSeconds(180))))
                        .containsOnlyOnce(true).hasSize(THREADS);
                String old = "old-nonce-" + round;
                assertThat(n.firstUse("acc", old, NOW.minusSeconds(1))).isTrue();
                assertThat(race(() -> n.firstUse("acc", old, NOW.plusSeconds(180))))
                        .containsOnlyOnce(true).hasSize(THREADS);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void eightAdmissionsOfOneDeliveryAtOnceHaveExactlyOneWinner(Databases.Db db) throws Exception {
        try (JdbiStorage s = fresh(db)) {
            DeliveryGate g = (DeliveryGate) s.deduplicator();
            for (int round = 0; round < 10; round++) {
                String key = "admit-" + round;
                // redeliveries: each its own nonce, one key
                java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
                List<State> states = race(() -> g.admit("acc", key + "-" + n.incrementAndGet(), NOW.plusSeconds(180),
                        key, NOW.plusSeconds(120)).orElseThrow().state());
                assertThat(states).filteredOn(st -> st == State.CLAIMED).hasSize(1);
                assertThat(states).filteredOn(st -> st == State.IN_PROGRESS).hasSize(THREADS - 1);
                // replays: one nonce, one key: one admission, the rest refused
                String replayed = "replayed-" + round;
                List<Boolean> admitted = race(() -> g.admit("acc", replayed, NOW.plusSeconds(180), replayed,
                        NOW.plusSeconds(120)).isPresent());
                assertThat(admitted).containsOnlyOnce(true).hasSize(THREADS);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void theAsynchronousCommitOfAClaimStaysInsideItsTransaction(Databases.Db db) {
        fresh(db).close(); // migrated and emptied; the store below has one connection and does not migrate
        try (JdbiStorage s = JdbiStorage.builder(db.url()).poolSize(1).migrate(false)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
            assertThat(s.nonces().firstUse("acc", "scoped", NOW.plusSeconds(180))).isTrue();
            assertThat(s.deduplicator().begin("scoped", NOW.plusSeconds(120)).state()).isEqualTo(State.CLAIMED);
            s.deduplicator().finish("scoped", "<xml>r</xml>", NOW.plusSeconds(120));
            assertThat(s.deduplicator().get("scoped")).contains(new Deduplicator.Status(State.DONE, "<xml>r</xml>"));
            if ("postgresql".equals(s.vendor())) {
                // the one pooled connection served the claims; the next transaction on it commits durably again
                String setting = s.jdbi().withHandle(h -> h.createQuery("SHOW synchronous_commit")
                        .mapTo(String.class).one());
                assertThat(setting).isEqualTo("on");
            }
        }
    }

    private static JdbiStorage fresh(Databases.Db db) {
        JdbiStorage s = JdbiStorage.builder(db.url()).poolSize(THREADS).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        Databases.wipe(s.jdbi());
        return s;
    }

    /** Runs a call on eight threads released together, and returns their results. */
    private static <T> List<T> race(Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
