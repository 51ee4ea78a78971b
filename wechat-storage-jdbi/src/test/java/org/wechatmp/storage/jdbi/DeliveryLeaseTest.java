package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.TestClock;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.callback.Deduplicator.State;
import org.wechatmp.core.callback.WeChatCallback;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.message.MessageParser;

/**
 * A claim in progress holds its message for a lease that its node renews: a node that dies mid-handler lets its claim
 * lapse, and a retry on another node handles the message; a node that is alive keeps its claim however long its
 * handler runs. Two storages (two nodes) on one database, on every database, with a clock the test moves.
 */
class DeliveryLeaseTest {
    static final String TOKEN = "lease-token";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void theClaimOfANodeThatStoppedIsTakenOverOnceItsLeaseLapses(Databases.Db db) throws Exception {
        TestClock clock = new TestClock(Instant.now());
        try (JdbiStorage wipe = Databases.fresh(db); JdbiStorage a = node(db, clock); JdbiStorage b = node(db, clock)) {
            assertThat(wipe.vendor()).isNotEmpty();
            JdbiDeliveryStore dead = (JdbiDeliveryStore) a.deduplicator();
            dead.stopRenewing();
            Deduplicator other = b.deduplicator();
            Instant expires = clock.instant().plusSeconds(120);
            assertThat(dead.begin("1764000000:acc:m:1", expires).state()).isEqualTo(State.CLAIMED);
            assertThat(other.begin("1764000000:acc:m:1", expires).state()).isEqualTo(State.IN_PROGRESS);

            clock.advance(Duration.ofSeconds(9));
            assertThat(other.begin("1764000000:acc:m:1", expires).state()).as("within the lease")
                    .isEqualTo(State.IN_PROGRESS);
            assertThat(other.get("1764000000:acc:m:1")).map(Deduplicator.Status::state).contains(State.IN_PROGRESS);

            clock.advance(Duration.ofSeconds(2));
            assertThat(other.get("1764000000:acc:m:1")).as("a lapsed claim still reads as in progress")
                    .map(Deduplicator.Status::state).contains(State.IN_PROGRESS);
            assertThat(other.begin("1764000000:acc:m:1", expires).state()).isEqualTo(State.CLAIMED);
            assertThat(dead.begin("1764000000:acc:m:1", expires).state()).isEqualTo(State.IN_PROGRESS);

            other.finish("1764000000:acc:m:1", "<xml>done</xml>", expires);
            await(() -> dead.get("1764000000:acc:m:1").map(Deduplicator.Status::state).orElse(null) == State.DONE);
            clock.advance(Duration.ofSeconds(60));
            assertThat(dead.get("1764000000:acc:m:1")).as("a finished record keeps its own expiry, not the lease")
                    .contains(new Deduplicator.Status(State.DONE, "<xml>done</xml>"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aLiveNodeRenewsItsClaimWhileItsHandlerRuns(Databases.Db db) throws Exception {
        TestClock clock = new TestClock(Instant.now());
        try (JdbiStorage wipe = Databases.fresh(db); JdbiStorage a = node(db, clock); JdbiStorage b = node(db, clock)) {
            assertThat(wipe.vendor()).isNotEmpty();
            JdbiDeliveryStore live = (JdbiDeliveryStore) a.deduplicator();
            Deduplicator other = b.deduplicator();
            Instant expires = clock.instant().plusSeconds(120);
            assertThat(live.begin("1764000000:acc:m:2", expires).state()).isEqualTo(State.CLAIMED);
            for (int step = 0; step < 5; step++) {
                long before = live.renewals();
                clock.advance(Duration.ofSeconds(4));
                await(() -> live.renewals() > before);
                assertThat(other.begin("1764000000:acc:m:2", expires).state()).as("after %d s", 4 * (step + 1))
                        .isEqualTo(State.IN_PROGRESS);
            }
            live.finish("1764000000:acc:m:2", "<xml>slow</xml>", expires);
            await(() -> other.get("1764000000:acc:m:2").map(Deduplicator.Status::state).orElse(null) == State.DONE);
            long renewals = live.renewals();
            clock.advance(Duration.ofSeconds(30));
            Thread.sleep(400);
            assertThat(live.renewals()).as("a written finish is not renewed").isEqualTo(renewals);
            assertThat(other.get("1764000000:acc:m:2"))
                    .contains(new Deduplicator.Status(State.DONE, "<xml>slow</xml>"));
        }
    }

    /** Renewals are not starved by traffic: under a steady stream of deliveries a slow handler keeps its claim. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aLiveNodeRenewsItsClaimUnderSteadyTraffic(Databases.Db db) throws Exception {
        TestClock clock = new TestClock(Instant.now());
        try (JdbiStorage wipe = Databases.fresh(db); JdbiStorage a = node(db, clock); JdbiStorage b = node(db, clock)) {
            assertThat(wipe.vendor()).isNotEmpty();
            JdbiDeliveryStore live = (JdbiDeliveryStore) a.deduplicator();
            Instant expires = clock.instant().plusSeconds(120);
            assertThat(live.begin("1764000000:acc:m:3", expires).state()).isEqualTo(State.CLAIMED);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong n = new AtomicLong();
            ExecutorService traffic = Executors.newFixedThreadPool(8);
            try {
                for (int t = 0; t < 8; t++) {
                    traffic.submit(() -> {
                        // finishes queue faster than the writer stores them: the queue is never empty
                        while (!stop.get()) {
                            live.finish("1764000001:acc:m:" + n.incrementAndGet(), "", expires);
                        }
                        return null;
                    });
                }
                await(() -> n.get() > 20_000);
                for (int step = 0; step < 4; step++) {
                    long before = live.renewals();
                    clock.advance(Duration.ofSeconds(4));
                    await(() -> live.renewals() > before);
                    assertThat(b.deduplicator().begin("1764000000:acc:m:3", expires).state())
                            .as("after %d s of traffic", 4 * (step + 1)).isEqualTo(State.IN_PROGRESS);
                }
            } finally {
                stop.set(true);
                traffic.shutdown();
                traffic.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * WeChat delivers a message to node A, whose handler starts and never ends: the node died. Its retry reaches node
     * B, which waits for the delivery in progress; once A's claim has lapsed B claims the message, runs the handler
     * and answers with its reply, within the retry's own deadline.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aRetryOnAnotherNodeHandlesTheMessageOfANodeThatDied(Databases.Db db) throws Exception {
        TestClock clock = new TestClock(Instant.now());
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch hang = new CountDownLatch(1);
        InMemoryAccountRegistry accounts = new InMemoryAccountRegistry(new Account("safe", "safe",
                Account.Type.SERVICE, APP_ID, "", TOKEN, AES, EncryptMode.SAFE, false, false, Map.of()));
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        handlers.save("safe", Handler.builder("work").rule(Rule.contains("work")).reply(HandlerReply.custom("work"))
                .build());
        ReplyEngine engine = ReplyEngine.builder(handlers).customReply("work", c -> {
            if (runs.incrementAndGet() == 1) {
                hang.await(60, TimeUnit.SECONDS); // node A's handler: its node is gone, it never ends
            }
            return "reply to " + c.message().fields().text("Content");
        }).build();
        try (JdbiStorage wipe = Databases.fresh(db); JdbiStorage a = node(db, clock); JdbiStorage b = node(db, clock)) {
            assertThat(wipe.vendor()).isNotEmpty();
            WeChatCallback nodeA = WeChatCallback.builder(accounts, engine).deduplicator(a.deduplicator())
                    .nonceStore(a.nonces()).build();
            WeChatCallback nodeB = WeChatCallback.builder(accounts, engine).deduplicator(b.deduplicator())
                    .nonceStore(b.nonces()).build();
            try {
                CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
                SignedCallback delivery = wechat.message("<xml><ToUserName>gh</ToUserName><FromUserName>oU"
                        + "</FromUserName><CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>"
                        + "text</MsgType><Content><![CDATA[work 1]]></Content><MsgId>7001</MsgId></xml>");
                CompletableFuture.runAsync(() -> nodeA.handle(request(delivery)));
                await(() -> runs.get() == 1);
                ((JdbiDeliveryStore) a.deduplicator()).stopRenewing();

                CompletableFuture<CallbackResponse> retry = CompletableFuture.supplyAsync(() ->
                        nodeB.handle(request(delivery)));
                Thread.sleep(300);
                assertThat(retry).as("the retry waits for the delivery in progress").isNotDone();
                clock.advance(Duration.ofSeconds(11));
                CallbackResponse r = retry.get(10, TimeUnit.SECONDS);
                assertThat(r.status()).isEqualTo(200);
                assertThat(MessageParser.defaults().parseFields(wechat.readReply(r.body())).text("Content"))
                        .isEqualTo("reply to work 1");
                assertThat(runs).hasValue(2);
            } finally {
                hang.countDown();
                nodeA.close();
                nodeB.close();
            }
        }
    }

    private static CallbackRequest request(SignedCallback delivery) {
        return new CallbackRequest("safe", "POST", delivery.query(), delivery.body().getBytes(StandardCharsets.UTF_8),
                "127.0.0.1");
    }

    private static JdbiStorage node(Databases.Db db, TestClock clock) {
        return JdbiStorage.builder(db.url()).poolSize(4).clock(clock).build();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }
}
