package org.wechatmp.core.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.callback.CallbackAdmission;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.callback.MessageLogStore;
import org.wechatmp.core.callback.WeChatCallback;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.engine.Rule;

/**
 * Every callback meter moves when real signed callbacks go through a real {@link WeChatCallback} bound to
 * {@link MicrometerMetrics}; customer-service sends go to WireMock. Times come from the injected ticker.
 */
class CallbackMetricsTest {
    static final String TOKEN = "metrics-token";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";
    static final String SEND = "/cgi-bin/message/custom/send";

    WireMockServer wm;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicLong ticks = new AtomicLong();
    CountDownLatch lateRelease = new CountDownLatch(1);
    CountDownLatch logRelease = new CountDownLatch(1);
    CountDownLatch logEntered = new CountDownLatch(1);
    WeChatCallback callback;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"AT\",\"expires_in\":7200}")));
        wm.stubFor(post(urlPathEqualTo(SEND)).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
        accounts.put(Account.of("plain", APP_ID, "secret", TOKEN).withOption("api_base", wm.baseUrl())
                .withLogging(true, false));
        accounts.put(Account.of("safe", APP_ID, "secret", TOKEN).withEncryption(AES, EncryptMode.SAFE)
                .withOption("api_base", wm.baseUrl()));
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        for (String a : List.of("plain", "safe")) {
            handlers.save(a, Handler.builder("hello").rule(Rule.equalTo("hello")).reply(HandlerReply.text("hi"))
                    .build());
            handlers.save(a, Handler.builder("seven").rule(Rule.equalTo("seven")).reply(HandlerReply.custom("seven"))
                    .build());
            handlers.save(a, Handler.builder("three").rule(Rule.equalTo("three")).reply(HandlerReply.text("one"))
                    .reply(HandlerReply.text("two")).reply(HandlerReply.text("three")).build());
            handlers.save(a, Handler.builder("late").rule(Rule.equalTo("late")).reply(HandlerReply.custom("late"))
                    .build());
        }
        ReplyEngine engine = ReplyEngine.builder(handlers)
                .customReply("seven", c -> {
                    ticks.addAndGet(TimeUnit.MILLISECONDS.toNanos(7)); // the handler "runs" 7 ms on the ticker
                    return "seven done";
                })
                .customReply("late", c -> {
                    ticks.addAndGet(TimeUnit.SECONDS.toNanos(5)); // past the 4.5 s deadline on the ticker
                    lateRelease.await(10, TimeUnit.SECONDS);
                    return "late reply";
                })
                .build();
        MessageLogStore blocked = new MessageLogStore() {
            @Override
            public void append(List<MessageLogEntry> entries) {
                logEntered.countDown();
                try {
                    logRelease.await(10, TimeUnit.SECONDS); // the writer is stuck: the queue fills up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public org.wechatmp.core.spi.Page<org.wechatmp.core.callback.LoggedMessage> query(String account,
                    org.wechatmp.core.callback.MessageLogQuery query) {
                throw new UnsupportedOperationException("write-only test store");
            }
        };
        callback = WeChatCallback.builder(accounts, engine).metrics(new MicrometerMetrics(registry))
                .ticker(ticks::get).messageLog(blocked).messageLogCapacity(1).build();
    }

    @AfterEach
    void tearDown() {
        lateRelease.countDown();
        logRelease.countDown();
        callback.close();
        wm.stop();
    }

    static String text(String content, long msgId) {
        return "<xml><ToUserName><![CDATA[gh_acc]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>"
                + "<CreateTime>" + (System.currentTimeMillis() / 1000) + "</CreateTime><MsgType><![CDATA[text]]>"
                + "</MsgType><Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    CallbackResponse send(String account, SignedCallback req) {
        return callback.handle(new CallbackRequest(account, "POST", req.query(),
                req.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
    }

    CallbackResponse send(String account, Map<String, String> query, String body) {
        return callback.handle(new CallbackRequest(account, "POST", query, body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1"));
    }

    double count(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        if (search.timer() != null) {
            return search.timer().count();
        }
        return search.counter() == null ? 0 : search.counter().count();
    }

    double refused(String account, String reason) {
        return count("wechat.callback.refused", "account", account, "reason", reason);
    }

    static void eventually(DoubleSupplier value, double atLeast) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsDouble() < atLeast && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(value.getAsDouble()).isGreaterThanOrEqualTo(atLeast);
    }

    @Test
    void everyRefusalIsCountedByReason() {
        CallbackSigner plain = CallbackSigner.plain(TOKEN);
        SignedCallback good = plain.message(text("hello", 1));

        assertThat(send("nope", good).status()).isEqualTo(404);
        assertThat(refused("-", "unknown_account")).isEqualTo(1);

        assertThat(callback.handle(new CallbackRequest("plain", "PUT", good.query(), new byte[0], "")).status())
                .isEqualTo(405);
        assertThat(refused("plain", "method")).isEqualTo(1);

        Map<String, String> missing = new HashMap<>(good.query());
        missing.remove("nonce");
        assertThat(send("plain", missing, good.body()).status()).isEqualTo(400);
        assertThat(refused("plain", "missing_parameter")).isEqualTo(1);
        Map<String, String> noEcho = new HashMap<>(plain.handshake("e").query());
        noEcho.remove("echostr");
        assertThat(callback.handle(new CallbackRequest("plain", "GET", noEcho, null, "")).status()).isEqualTo(400);
        assertThat(refused("plain", "missing_parameter")).isEqualTo(2);

        Map<String, String> badSig = new HashMap<>(good.query());
        badSig.put("signature", "0".repeat(40));
        assertThat(send("plain", badSig, good.body()).status()).isEqualTo(403);
        assertThat(refused("plain", "signature")).isEqualTo(1);

        assertThat(send("plain", plain.message(text("hello", 2), "1000000000", "n1")).status()).isEqualTo(400);
        assertThat(refused("plain", "timestamp")).isEqualTo(1);

        assertThat(send("safe", plain.message(text("hello", 3))).status()).isEqualTo(400);
        assertThat(refused("safe", "plaintext_in_safe_mode")).isEqualTo(1);

        SignedCallback big = plain.message(text("hello", 4));
        CallbackAdmission declared = callback.admit("plain", "POST", big.query(), "", 10_000_000);
        assertThat(declared.response().status()).isEqualTo(413);
        CallbackAdmission undeclared = callback.admit("plain", "POST", plain.message(text("hello", 5)).query(), "", -1);
        assertThat(undeclared.complete(new byte[300_000]).status()).isEqualTo(413);
        assertThat(refused("plain", "too_large")).isEqualTo(2);

        SignedCallback shortBody = plain.message(text("hello", 6));
        CallbackAdmission admitted = callback.admit("plain", "POST", shortBody.query(), "", 1_000);
        assertThat(admitted.read(new ByteArrayInputStream(new byte[10]), 1_000).status()).isEqualTo(400);
        assertThat(refused("plain", "body_incomplete")).isEqualTo(1);
        assertThat(callback.admit("plain", "POST", plain.message(text("hello", 7)).query(), "", -1).bodyTimedOut()
                .status()).isEqualTo(408);
        assertThat(refused("plain", "body_timeout")).isEqualTo(1);

        assertThat(send("plain", plain.message(text("x", 8)).query(), "<xml><a></xml>").status()).isEqualTo(400);
        assertThat(refused("plain", "parse")).isEqualTo(1);

        // encrypted for another appId: the signature holds, the decrypted appId does not
        CallbackSigner stranger = CallbackSigner.encrypted(TOKEN, AES, "wx_somebody_else", EncryptMode.SAFE);
        assertThat(send("safe", stranger.message(text("hello", 9))).status()).isEqualTo(400);
        assertThat(refused("safe", "decrypt")).isEqualTo(1);

        assertThat(count("wechat.callback.answered")).isZero();
        assertThat(count("wechat.callback.replayed")).isZero();
    }

    @Test
    void answersRedeliveriesReplaysAndHandlerTimesOnTheTicker() {
        CallbackSigner plain = CallbackSigner.plain(TOKEN);
        String seven = text("seven", 11); // its redeliveries below are the same message, CreateTime included
        SignedCallback first = plain.message(seven, "" + System.currentTimeMillis() / 1000, "nonce-11");
        assertThat(send("plain", first).body()).contains("seven done");
        assertThat(count("wechat.callback.answered", "account", "plain")).isEqualTo(1);
        assertThat(registry.find("wechat.callback.answered").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(7);
        assertThat(count("wechat.handler.duration", "account", "plain", "handler", "seven")).isEqualTo(1);
        assertThat(registry.find("wechat.handler.duration").tags("handler", "seven").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7);

        // the same delivery again (same nonce), and once more with a fresh nonce: both from the dedupe record
        assertThat(send("plain", first).body()).contains("seven done");
        assertThat(send("plain", plain.message(seven)).body()).contains("seven done");
        assertThat(count("wechat.callback.deduplicated", "account", "plain")).isEqualTo(2);
        assertThat(count("wechat.handler.duration", "handler", "seven")).isEqualTo(1);

        // another body under a used nonce: a replay, refused
        SignedCallback replay = plain.message(text("hello", 12), first.query().get("timestamp"), "nonce-11");
        assertThat(send("plain", replay).status()).isEqualTo(400);
        assertThat(count("wechat.callback.replayed", "account", "plain")).isEqualTo(1);
        assertThat(refused("plain", "nonce")).isEqualTo(1);
        // a repeated handshake is a replay too
        SignedCallback hs = plain.handshake("echo");
        assertThat(callback.handle(new CallbackRequest("plain", "GET", hs.query(), null, "")).body()).isEqualTo("echo");
        assertThat(callback.handle(new CallbackRequest("plain", "GET", hs.query(), null, "")).status()).isEqualTo(400);
        assertThat(count("wechat.callback.replayed", "account", "plain")).isEqualTo(2);
        assertThat(count("wechat.callback.answered", "account", "plain")).isEqualTo(1);
    }

    @Test
    void missedDeadlinesAndLateSendsThroughCustomerService() throws Exception {
        CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
        CallbackResponse r = send("safe", wechat.message(text("late", 21)));
        assertThat(r.body()).isEqualTo("success");
        assertThat(count("wechat.callback.deadline.missed", "account", "safe")).isEqualTo(1);
        assertThat(count("wechat.callback.late.sends")).isZero();
        lateRelease.countDown(); // the handler finishes; its reply goes through customer service
        eventually(() -> count("wechat.callback.late.sends", "account", "safe", "outcome", "ok"), 1);
        eventually(() -> count("wechat.handler.duration", "account", "safe", "handler", "late"), 1);
        assertThat(wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(SEND))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("late reply"))))
                .hasSize(1);

        // reply-all extras go the same way; WeChat refusing them counts as failed
        wm.stubFor(post(urlPathEqualTo(SEND)).willReturn(okJson("{\"errcode\":45015,\"errmsg\":\"response out of "
                + "time limit\"}")));
        CallbackResponse three = send("safe", wechat.message(text("three", 22)));
        assertThat(wechat.readReply(three.body())).contains("three");
        three.afterResponse();
        eventually(() -> count("wechat.callback.late.sends", "account", "safe", "outcome", "failed"), 2);
        assertThat(count("wechat.callback.late.sends", "outcome", "failed")).isEqualTo(2);
        assertThat(count("wechat.callback.late.sends", "outcome", "ok")).isEqualTo(1);
    }

    @Test
    void aFullMessageLogQueueCountsItsDrops() throws Exception {
        CallbackSigner plain = CallbackSigner.plain(TOKEN);
        // "plain" logs every inbound message; the store blocks, the queue holds one entry
        assertThat(send("plain", plain.message(text("hello", 100))).status()).isEqualTo(200);
        assertThat(logEntered.await(10, TimeUnit.SECONDS)).as("the writer is stuck in the store").isTrue();
        for (int i = 1; i < 4; i++) {
            assertThat(send("plain", plain.message(text("hello", 100 + i))).status()).isEqualTo(200);
        }
        assertThat(count("wechat.messagelog.dropped")).isGreaterThanOrEqualTo(2);
        logRelease.countDown();
    }
}
