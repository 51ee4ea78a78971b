package org.wechatmp.examples.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.callback.Deduplicator.State;
import org.wechatmp.core.callback.Deduplicator.Status;
import org.wechatmp.storage.jdbi.JdbiStorage;

/** Runs on the PostgreSQL of {@code WECHAT_TEST_POSTGRES_URL} (required under {@code CI=true}). */
class PostgresClaimStoreTest {
    private static JdbiStorage storage;
    private static PostgresClaimStore store;
    private final String id = UUID.randomUUID().toString();

    @BeforeAll
    static void open() {
        String url = System.getenv("WECHAT_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("WECHAT_TEST_POSTGRES_URL is not set, and under CI=true it must be");
            }
            assumeTrue(false, "WECHAT_TEST_POSTGRES_URL is not set");
        }
        storage = JdbiStorage.builder(url).poolSize(4).build();
        store = new PostgresClaimStore(storage.jdbi(), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void aNonceIsNewOnceAndAnExpiredOneIsTakenOver() {
        Instant later = Instant.now().plusSeconds(180);
        assertThat(store.firstUse("a", id, later)).isTrue();
        assertThat(store.firstUse("a", id, later)).isFalse();
        assertThat(store.firstUse("b", id, later)).isTrue();
        assertThat(store.firstUse("a", id + "-old", Instant.now().minusSeconds(1))).isTrue();
        assertThat(store.firstUse("a", id + "-old", later)).isTrue();
        assertThat(store.firstUse("a", id + "-old", later)).isFalse();
    }

    @Test
    void aDeliveryIsClaimedOnceAndThenAnswersWithItsReply() {
        Instant later = Instant.now().plusSeconds(120);
        assertThat(store.begin(id, later)).isEqualTo(new Status(State.CLAIMED, ""));
        assertThat(store.begin(id, later)).isEqualTo(new Status(State.IN_PROGRESS, ""));
        store.finish(id, "<xml>r</xml>", later);
        assertThat(store.begin(id, later)).isEqualTo(new Status(State.DONE, "<xml>r</xml>"));
        assertThat(store.get(id)).contains(new Status(State.DONE, "<xml>r</xml>"));
        assertThat(store.begin(id + "-old", Instant.now().minusSeconds(1)).state()).isEqualTo(State.CLAIMED);
        assertThat(store.begin(id + "-old", later).state()).isEqualTo(State.CLAIMED);
    }

    @Test
    void concurrentClaimsOfOneDeliveryHaveExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            AtomicInteger nonceWins = new AtomicInteger();
            AtomicInteger claimWins = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            var states = ConcurrentHashMap.<State>newKeySet();
            for (int i = 0; i < 8; i++) {
                pool.submit(() -> {
                    go.await();
                    Instant later = Instant.now().plusSeconds(60);
                    if (store.firstUse("a", id + "-race", later)) {
                        nonceWins.incrementAndGet();
                    }
                    Status s = store.begin(id + "-race", later);
                    states.add(s.state());
                    if (s.state() == State.CLAIMED) {
                        claimWins.incrementAndGet();
                    }
                    return null;
                });
            }
            go.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(nonceWins).hasValue(1);
            assertThat(claimWins).hasValue(1);
            assertThat(states).containsExactlyInAnyOrder(State.CLAIMED, State.IN_PROGRESS);
        } finally {
            pool.shutdownNow();
        }
    }
}
