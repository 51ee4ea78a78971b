package org.wechatmp.core.callback;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.TestClock;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.crypto.TimestampWindow;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.message.MessageParser;

/**
 * The pipeline's concurrency and two-stage behaviour: handler-pool starvation, the per-account bound, nonces shared
 * across nodes, the body read before/after the query checks. Deadlines run on a frozen ticker, so nothing here
 * depends on how fast the machine is.
 */
class CallbackPipelineTest {
    static final String TOKEN = "pipeline-token";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";

    WireMockServer wm;
    InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger entered = new AtomicInteger();
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    AtomicLong ticks = new AtomicLong();
    ReplyEngine engine;
    ExecutorService pool = Executors.newCachedThreadPool();
    List<WeChatCallback> callbacks = new ArrayList<>();

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"AT\",\"expires_in\":7200}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":0}")));
        accounts.put(new Account("safe", "safe", Account.Type.SERVICE, APP_ID, "secret", TOKEN, AES, EncryptMode.SAFE,
                false, false, Map.of("api_base", wm.baseUrl())));
        accounts.put(Account.of("plain", APP_ID, "secret", TOKEN).withOption("api_base", wm.baseUrl()));
        for (String a : List.of("safe", "plain")) {
            handlers.save(a, Handler.builder("block").rule(Rule.contains("block")).reply(HandlerReply.custom("block"))
                    .build());
            handlers.save(a, Handler.builder("fast").rule(Rule.equalTo("fast")).reply(HandlerReply.custom("fast"))
                    .build());
            handlers.save(a, Handler.builder("count").rule(Rule.contains("count")).reply(HandlerReply.custom("count"))
                    .build());
        }
        engine = ReplyEngine.builder(handlers)
                .customReply("block", c -> {
                    entered.incrementAndGet();
                    release.await();
                    return "unblocked";
                })
                .customReply("fast", c -> "fast reply")
                .customReply("count", c -> {
                    String content = MessageParser.defaults().parse(c.plainXml()).fields().text("Content");
                    runs.computeIfAbsent(content, k -> new AtomicInteger()).incrementAndGet();
                    return "reply to " + content;
                })
                .build();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        pool.shutdownNow();
        callbacks.forEach(WeChatCallback::close);
        wm.stop();
    }

    WeChatCallback callback(java.util.function.UnaryOperator<WeChatCallback.Builder> options) {
        WeChatCallback c = options.apply(WeChatCallback.builder(accounts, engine).ticker(ticks::get)).build();
        callbacks.add(c);
        return c;
    }

    static String text(String content, long msgId) {
        return "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>"
                + "<CreateTime>" + Instant.now().getEpochSecond() + "</CreateTime><MsgType><![CDATA[text]]>"
                + "</MsgType><Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    static CallbackResponse send(WeChatCallback c, String account, SignedCallback req) {
        return c.handle(new CallbackRequest(account, "POST", req.query(), req.body().getBytes(StandardCharsets.UTF_8),
                "127.0.0.1"));
    }

    static String content(String xml) {
        return MessageParser.defaults().parseFields(xml).text("Content");
    }

    private void awaitEntered(int n) throws InterruptedException {
        for (int i = 0; i < 1_000 && entered.get() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(entered.get()).as("blocking handlers running").isEqualTo(n);
    }

    @Test
    void twelveBlockedHandlersDoNotStarveAFastOne() throws Exception {
        WeChatCallback c = callback(b -> b);
        CallbackSigner wechat = CallbackSigner.plain(TOKEN);
        List<Future<CallbackResponse>> blocked = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SignedCallback req = wechat.message(text("block " + i, 100 + i));
            blocked.add(pool.submit(() -> send(c, "plain", req)));
        }
        awaitEntered(12); // the old pool ran 8 and queued the rest behind them
        SignedCallback fast = wechat.message(text("fast", 200));
        CallbackResponse r = pool.submit(() -> send(c, "plain", fast)).get(10, TimeUnit.SECONDS);
        assertThat(content(r.body())).isEqualTo("fast reply");
        release.countDown();
        for (Future<CallbackResponse> f : blocked) {
            assertThat(content(f.get(10, TimeUnit.SECONDS).body())).isEqualTo("unblocked");
        }
    }

    @Test
    void pastTheAccountBoundARequestAnswersSuccessAtOnceAndItsReplyGoesThroughCustomerService() throws Exception {
        WeChatCallback c = callback(b -> b.accountConcurrency(2));
        CallbackSigner wechat = CallbackSigner.plain(TOKEN);
        List<Future<CallbackResponse>> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SignedCallback req = wechat.message(text("block " + i, 300 + i));
            waiting.add(pool.submit(() -> send(c, "plain", req)));
        }
        awaitEntered(2);
        String thirdXml = text("block third", 310); // its redelivery below is the same message, CreateTime included
        SignedCallback third = wechat.message(thirdXml);
        CallbackResponse r = pool.submit(() -> send(c, "plain", third)).get(10, TimeUnit.SECONDS);
        assertThat(r.body()).isEqualTo("success");
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")))).isEmpty();
        release.countDown();
        for (Future<CallbackResponse> f : waiting) {
            assertThat(content(f.get(10, TimeUnit.SECONDS).body())).isEqualTo("unblocked");
        }
        for (int i = 0; i < 500 && wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")))
                .isEmpty(); i++) {
            Thread.sleep(20);
        }
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
                .withRequestBody(containing("unblocked")));
        // a redelivery of the third is answered from its (empty) record, the handler does not run again
        assertThat(send(c, "plain", wechat.message(thirdXml)).body()).isEqualTo("success");
        assertThat(entered.get()).isEqualTo(3);
    }

    @Test
    void theDeadlineComesFromTheTickerAndALateReplyGoesThroughCustomerService() throws Exception {
        WeChatCallback c = callback(b -> b);
        SignedCallback req = CallbackSigner.plain(TOKEN).message(text("block late", 400));
        Future<CallbackResponse> answer = pool.submit(() -> send(c, "plain", req));
        awaitEntered(1);
        assertThat(answer.isDone()).isFalse();
        ticks.addAndGet(Duration.ofSeconds(5).toNanos()); // past the 4.5 s deadline
        assertThat(answer.get(10, TimeUnit.SECONDS).body()).isEqualTo("success");
        release.countDown();
        for (int i = 0; i < 500 && wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")))
                .isEmpty(); i++) {
            Thread.sleep(20);
        }
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
                .withRequestBody(containing("unblocked")));
    }

    /** A deduplicator whose claim is slow, as a database round trip is: widens the nonce-to-claim window. */
    static final class SlowClaims implements Deduplicator {
        private final Deduplicator inner;

        SlowClaims(Deduplicator inner) {
            this.inner = inner;
        }

        @Override
        public Status begin(String key, Instant expiresAt) {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.begin(key, expiresAt);
        }

        @Override
        public Optional<Status> get(String key) {
            return inner.get(key);
        }

        @Override
        public void finish(String key, String reply, Instant expiresAt) {
            inner.finish(key, reply, expiresAt);
        }
    }

    @Test
    void theSameNonceDeliveredThreeTimesAcrossTwoNodesAlwaysGetsTheRecordedReply() throws Exception {
        InMemoryStores shared = new InMemoryStores();
        Deduplicator slow = new SlowClaims(shared);
        List<WeChatCallback> nodes = List.of(callback(b -> b.deduplicator(slow).nonceStore(shared)),
                callback(b -> b.deduplicator(slow).nonceStore(shared)));
        CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
        for (int round = 0; round < 20; round++) {
            SignedCallback delivery = wechat.message(text("count " + round, 500 + round)); // one query, sent 3 times
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CallbackResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                WeChatCallback node = nodes.get(i % 2);
                answers.add(pool.submit(() -> {
                    go.await();
                    return send(node, "safe", delivery);
                }));
            }
            go.countDown();
            for (Future<CallbackResponse> f : answers) {
                CallbackResponse r = f.get(10, TimeUnit.SECONDS);
                assertThat(r.status()).as("round %d: %s", round, r.body()).isEqualTo(200);
                assertThat(content(wechat.readReply(r.body()))).isEqualTo("reply to count " + round);
            }
            assertThat(runs.get("count " + round)).hasValue(1);
        }
        // a true replay (a plaintext delivery's signed query with another body) is still refused
        CallbackSigner plain = CallbackSigner.plain(TOKEN);
        SignedCallback first = plain.message(text("count replay", 600));
        assertThat(send(nodes.get(0), "plain", first).status()).isEqualTo(200);
        SignedCallback other = plain.message(text("count other", 601), first.query().get("timestamp"),
                first.query().get("nonce"));
        CallbackResponse replay = send(nodes.get(1), "plain", other);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body()).contains("nonce");
        assertThat(runs.get("count other")).isNull();
        // and a verbatim replay of that plaintext delivery gets its recorded reply
        assertThat(send(nodes.get(1), "plain", first).body()).contains("reply to count replay");
        assertThat(runs.get("count replay")).hasValue(1);
    }

    /** Claims held by a node that died: in progress until they lapse, then gone; after that, an ordinary store. */
    static final class DeadNodeClaims implements Deduplicator {
        final AtomicBoolean lapsed = new AtomicBoolean();
        final Map<String, Status> records = new ConcurrentHashMap<>();

        @Override
        public Status begin(String key, Instant expiresAt) {
            if (!lapsed.get()) {
                return new Status(State.IN_PROGRESS, ""); // held by the node that died
            }
            Status held = records.putIfAbsent(key, new Status(State.IN_PROGRESS, ""));
            return held == null ? new Status(State.CLAIMED, "") : held;
        }

        @Override
        public Optional<Status> get(String key) {
            return lapsed.get() ? Optional.ofNullable(records.get(key))
                    : Optional.of(new Status(State.IN_PROGRESS, ""));
        }

        @Override
        public void finish(String key, String reply, Instant expiresAt) {
            records.put(key, new Status(State.DONE, reply));
        }
    }

    /**
     * Another node claimed the message and died: its claim lapses, and the redelivery waiting for it claims the
     * message and runs the handler, answering with the reply.
     */
    @Test
    void aRedeliveryWaitingForAClaimThatLapsedRunsTheHandlerItself() throws Exception {
        DeadNodeClaims deadNode = new DeadNodeClaims();
        WeChatCallback c = callback(b -> b.deduplicator(deadNode));
        CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
        Future<CallbackResponse> retry = pool.submit(() -> send(c, "safe", wechat.message(text("count lapse", 970))));
        Thread.sleep(100);
        assertThat(retry).as("waiting for the claim in progress").isNotDone();
        assertThat(runs.get("count lapse")).isNull();
        deadNode.lapsed.set(true);
        CallbackResponse r = retry.get(10, TimeUnit.SECONDS);
        assertThat(content(wechat.readReply(r.body()))).isEqualTo("reply to count lapse");
        assertThat(runs.get("count lapse")).hasValue(1);
        assertThat(deadNode.records.values()).extracting(Deduplicator.Status::state)
                .containsExactly(Deduplicator.State.DONE);
    }

    /**
     * A plaintext delivery under a nonce already used is not vouched for (its body is not signed): it may wait for
     * the claim in progress, but when that lapses it never runs the handler on its own body; "success" at the deadline.
     */
    @Test
    void aReusedPlaintextNonceNeverTakesOverALapsedClaim() throws Exception {
        DeadNodeClaims deadNode = new DeadNodeClaims();
        InMemoryStores nonces = new InMemoryStores();
        WeChatCallback c = callback(b -> b.deduplicator(deadNode).nonceStore(nonces));
        CallbackSigner plain = CallbackSigner.plain(TOKEN);
        SignedCallback forged = plain.message(text("count forged", 980));
        // the captured query's nonce was used by the delivery that node claimed
        assertThat(nonces.firstUse("plain", forged.query().get("timestamp") + ":" + forged.query().get("nonce"),
                Instant.now().plusSeconds(600))).isTrue();
        Future<CallbackResponse> replay = pool.submit(() -> send(c, "plain", forged));
        Thread.sleep(100);
        deadNode.lapsed.set(true);
        Thread.sleep(300); // past a few claim attempts a vouched-for delivery would make
        assertThat(replay).isNotDone();
        ticks.addAndGet(Duration.ofSeconds(6).toNanos());
        CallbackResponse r = replay.get(10, TimeUnit.SECONDS);
        assertThat(r.body()).isEqualTo("success");
        assertThat(runs.get("count forged")).isNull();
        assertThat(deadNode.records).isEmpty();
    }

    @Test
    void anEncryptedDeliverysRecordIsItsReplayDefenceUntilItsTimestampLeavesTheWindow() {
        TestClock clock = new TestClock(Instant.now());
        InMemoryStores shared = new InMemoryStores(clock);
        CountingGate gate = new CountingGate(shared);
        WeChatCallback c = callback(b -> b.deduplicator(gate).nonceStore(gate).dedupeTtl(Duration.ofSeconds(10))
                .timestampWindow(TimestampWindow.of(clock, Duration.ofSeconds(180))));
        CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
        String ts = Long.toString(clock.instant().getEpochSecond());
        SignedCallback first = wechat.message(text("count window", 950), ts, "n-window");
        assertThat(content(wechat.readReply(send(c, "safe", first).body()))).isEqualTo("reply to count window");
        // no nonce recorded: one claim per encrypted delivery
        assertThat(gate.admits).hasValue(0);
        assertThat(gate.separate).hasValue(1);
        // past dedupeTtl, but the captured query is still within the window: a replay is answered from the record
        clock.advance(Duration.ofSeconds(179));
        CallbackResponse replay = send(c, "safe", first);
        assertThat(content(wechat.readReply(replay.body()))).isEqualTo("reply to count window");
        assertThat(runs.get("count window")).hasValue(1);
        // and once the timestamp is out of the window the replay is refused before any record is read
        clock.advance(Duration.ofSeconds(2));
        assertThat(send(c, "safe", first).status()).isEqualTo(400);
        assertThat(runs.get("count window")).hasValue(1);
    }

    /** One store as both: counts the one-round-trip admissions and any separate nonce or claim call. */
    static final class CountingGate implements DeliveryGate {
        final InMemoryStores inner;
        final AtomicInteger admits = new AtomicInteger();
        final AtomicInteger separate = new AtomicInteger();

        CountingGate() {
            this(new InMemoryStores());
        }

        CountingGate(InMemoryStores inner) {
            this.inner = inner;
        }

        @Override
        public Optional<Status> admit(String account, String nonce, Instant nonceExpiresAt, String key,
                Instant keyExpiresAt) {
            admits.incrementAndGet();
            if (!inner.firstUse(account, nonce, nonceExpiresAt)) {
                return Optional.empty();
            }
            try {
                Thread.sleep(30); // a database round trip between the nonce and the claim of another node
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(inner.begin(key, keyExpiresAt));
        }

        @Override
        public boolean firstUse(String account, String nonce, Instant expiresAt) {
            separate.incrementAndGet();
            return inner.firstUse(account, nonce, expiresAt);
        }

        @Override
        public Status begin(String key, Instant expiresAt) {
            separate.incrementAndGet();
            return inner.begin(key, expiresAt);
        }

        @Override
        public Optional<Status> get(String key) {
            return inner.get(key);
        }

        @Override
        public void finish(String key, String reply, Instant expiresAt) {
            inner.finish(key, reply, expiresAt);
        }
    }

    @Test
    void aStoreThatIsBothAdmitsEachDeliveryInOneCallAndRedeliveriesStillRunTheHandlerOnce() throws Exception {
        CountingGate gate = new CountingGate();
        List<WeChatCallback> nodes = List.of(callback(b -> b.deduplicator(gate).nonceStore(gate)),
                callback(b -> b.deduplicator(gate).nonceStore(gate)));
        CallbackSigner wechat = CallbackSigner.plain(TOKEN);
        for (int round = 0; round < 10; round++) {
            SignedCallback delivery = wechat.message(text("count gate " + round, 800 + round));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CallbackResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                WeChatCallback node = nodes.get(i % 2);
                answers.add(pool.submit(() -> {
                    go.await();
                    return send(node, "plain", delivery);
                }));
            }
            go.countDown();
            for (Future<CallbackResponse> f : answers) {
                CallbackResponse r = f.get(10, TimeUnit.SECONDS);
                assertThat(r.status()).isEqualTo(200);
                assertThat(content(r.body())).isEqualTo("reply to count gate " + round);
            }
            assertThat(runs.get("count gate " + round)).hasValue(1);
        }
        assertThat(gate.admits).hasValue(30);
        assertThat(gate.separate).hasValue(0);
        SignedCallback first = wechat.message(text("count gate replay", 900));
        assertThat(send(nodes.get(0), "plain", first).status()).isEqualTo(200);
        SignedCallback other = wechat.message(text("count gate other", 901), first.query().get("timestamp"),
                first.query().get("nonce"));
        assertThat(send(nodes.get(1), "plain", other).status()).isEqualTo(400);
        assertThat(runs.get("count gate other")).isNull();
    }

    @Test
    void theFirstStageDecidesWithoutTheBody() {
        WeChatCallback c = callback(b -> b);
        SignedCallback good = CallbackSigner.plain(TOKEN).message(text("fast", 700));
        Map<String, String> badSig = new HashMap<>(good.query());
        badSig.put("signature", "0".repeat(40));
        assertThat(c.admit("plain", "POST", badSig, "1.2.3.4", 1_000).response().status()).isEqualTo(403);
        assertThat(c.admit("nobody", "POST", good.query(), "1.2.3.4", 1_000).response().status()).isEqualTo(404);
        assertThat(c.admit("plain", "PUT", good.query(), "1.2.3.4", 1_000).response().status()).isEqualTo(405);
        CallbackAdmission huge = c.admit("plain", "POST", good.query(), "1.2.3.4", 10_000_000);
        assertThat(huge.answered()).isTrue();
        assertThat(huge.response().status()).isEqualTo(413);
        assertThat(c.admit("safe", "POST", good.query(), "", 100).response().status()).isEqualTo(400);
        SignedCallback hs = CallbackSigner.plain(TOKEN).handshake("echo-1");
        CallbackAdmission handshake = c.admit("plain", "GET", hs.query(), "", -1);
        assertThat(handshake.response().body()).isEqualTo("echo-1");
        assertThat(c.admit("plain", "GET", hs.query(), "", -1).response().status()).isEqualTo(400); // reused nonce
        CallbackAdmission ok = c.admit("plain", "POST", good.query(), "1.2.3.4", good.body().length());
        assertThat(ok.answered()).isFalse();
        assertThat(ok.maxBodyBytes()).isEqualTo(MessageParser.DEFAULT_MAX_BYTES);
        assertThat(content(ok.read(new ByteArrayInputStream(good.body().getBytes(StandardCharsets.UTF_8)),
                good.body().length()).body())).isEqualTo("fast reply");
    }

    @Test
    void aBodyShorterThanDeclaredIs400AndASlowOne408() {
        WeChatCallback c = callback(b -> b.bodyDeadline(Duration.ofMillis(300)));
        SignedCallback req = CallbackSigner.plain(TOKEN).message(text("fast", 710));
        byte[] body = req.body().getBytes(StandardCharsets.UTF_8);
        CallbackResponse shortBody = c.admit("plain", "POST", req.query(), "", body.length + 100)
                .read(new ByteArrayInputStream(body), body.length + 100);
        assertThat(shortBody.status()).isEqualTo(400);
        assertThat(shortBody.body()).isEqualTo("incomplete body");
        // ten bytes, then nothing: the deadline, not the container's idle timeout, ends it
        InputStream trickle = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent < 10) {
                    int n = Math.min(len, 10 - sent);
                    System.arraycopy(body, sent, b, off, n);
                    sent += n;
                    return n;
                }
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("interrupted");
                }
                return -1;
            }
        };
        CallbackResponse slow = c.admit("plain", "POST", req.query(), "", body.length).read(trickle, body.length);
        assertThat(slow.status()).isEqualTo(408);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        // the nonce was not burned by either refusal: the real delivery of the same query is answered
        assertThat(content(send(c, "plain", req).body())).isEqualTo("fast reply");
    }

    @Test
    void aRequestRefusedForItsBodyDoesNotBurnTheNonce() {
        WeChatCallback c = callback(b -> b);
        SignedCallback req = CallbackSigner.plain(TOKEN).message(text("fast", 720));
        CallbackResponse broken = c.handle(new CallbackRequest("plain", "POST", req.query(),
                "<xml><a></xml>".getBytes(StandardCharsets.UTF_8), ""));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(content(send(c, "plain", req).body())).isEqualTo("fast reply");
    }
}
