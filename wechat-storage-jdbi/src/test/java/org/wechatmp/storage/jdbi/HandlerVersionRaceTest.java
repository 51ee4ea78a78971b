package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.HandlerRepository;
import org.wechatmp.core.engine.Rule;

/**
 * The first writes of a new account's handlers at the same moment (the demo's menu and auto-reply imports did this)
 * all succeed, and every write moves the version the engine watches.
 */
class HandlerVersionRaceTest {
    static final int THREADS = 8;

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void firstWritesOfANewAccountAtOnceAllSucceedAndMoveTheVersion(Databases.Db db) throws Exception {
        try (JdbiStorage s = Databases.fresh(db)) {
            HandlerRepository repo = s.handlers();
            for (int round = 0; round < 5; round++) {
                String account = "race" + round;
                long before = repo.version(account);
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                try {
                    CyclicBarrier start = new CyclicBarrier(THREADS);
                    List<Future<?>> futures = new ArrayList<>();
                    for (int i = 0; i < THREADS; i++) {
                        int n = i;
                        futures.add(pool.submit(() -> {
                            start.await(30, TimeUnit.SECONDS);
                            if (n % 2 == 0) {
                                return repo.save(account, Handler.builder("h" + n).rule(Rule.all())
                                        .reply(HandlerReply.text("x")).build());
                            }
                            repo.replaceSource(account, Handler.Source.values()[1 + n % 2], List.of(Handler
                                    .builder("s" + n).rule(Rule.all()).reply(HandlerReply.text("y")).build()));
                            return null;
                        }));
                    }
                    for (Future<?> f : futures) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(repo.handlers(account).stream().filter(h -> h.source() == Handler.Source.SELF))
                        .hasSize(THREADS / 2);
                assertThat(repo.version(account)).isGreaterThan(before);
            }
        }
    }
}
