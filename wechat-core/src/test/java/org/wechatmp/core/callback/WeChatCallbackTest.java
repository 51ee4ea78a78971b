package org.wechatmp.core.callback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.crypto.WeChatCrypto;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.MessageContext;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.XmlFields;
import org.wechatmp.core.reply.Reply;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.spi.InMemoryUserRepository;

/** The whole pipeline, driven as the WeChat server would drive it, with WireMock as the WeChat API. */
class WeChatCallbackTest {
    static final String TOKEN = "callback-token";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";

    WireMockServer wm;
    InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
    InMemoryUserRepository users = new InMemoryUserRepository();
    InMemoryMessageLogStore log = new InMemoryMessageLogStore();
    InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    AtomicInteger slowRuns = new AtomicInteger();
    java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
    CountDownLatch sleeping = new CountDownLatch(1);
    CountDownLatch wake = new CountDownLatch(1);
    WeChatCallback callback;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"AT\",\"expires_in\":7200}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":0}")));
        Account plain = Account.of("plain", APP_ID, "secret", TOKEN).withOption("api_base", wm.baseUrl())
                .withLogging(true, true);
        accounts.put(plain);
        accounts.put(new Account("safe", "safe", Account.Type.SERVICE, APP_ID, "secret", TOKEN, AES,
                EncryptMode.SAFE, false, false, java.util.Map.of("api_base", wm.baseUrl())));
        accounts.put(new Account("compat", "compat", Account.Type.SERVICE, APP_ID, "secret", TOKEN, AES,
                EncryptMode.COMPATIBLE, false, false, java.util.Map.of("api_base", wm.baseUrl())));
        for (String a : List.of("plain", "safe", "compat")) {
            handlers.save(a, Handler.builder("hello").weight(10).rule(Rule.equalTo("hello"))
                    .reply(HandlerReply.text("你好 from " + a)).build());
            handlers.save(a, Handler.builder("three").rule(Rule.equalTo("three")).reply(HandlerReply.text("one"))
                    .reply(HandlerReply.text("two")).reply(HandlerReply.text("three")).build());
            handlers.save(a, Handler.builder("slow").rule(Rule.equalTo("slow")).reply(HandlerReply.custom("slow"))
                    .build());
            handlers.save(a, Handler.builder("sleepy").rule(Rule.equalTo("sleep10")).reply(
                    HandlerReply.custom("sleep10")).build());
            handlers.save(a, Handler.builder("broken").rule(Rule.equalTo("broken")).reply(
                    HandlerReply.custom("broken")).build());
            handlers.save(a, Handler.builder("forward").rule(Rule.contains("forward")).reply(
                    HandlerReply.forward(wm.baseUrl() + "/forward")).build());
            handlers.save(a, Handler.builder("welcome").rule(Rule.event("subscribe")).reply(
                    HandlerReply.custom("welcome")).build());
        }
        ReplyEngine engine = ReplyEngine.builder(handlers)
                .customReply("slow", c -> {
                    slowRuns.incrementAndGet();
                    Thread.sleep(400);
                    return "slow done";
                })
                .customReply("sleep10", c -> {
                    sleeping.countDown();
                    wake.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    return "finally";
                })
                .customReply("broken", c -> {
                    throw new IllegalStateException("bug");
                })
                .customReply("welcome", c -> c.isFirstSubscribe() ? "welcome!" : "welcome back!")
                .build();
        callback = WeChatCallback.builder(accounts, engine).users(users).messageLog(log).ticker(ticks::get).build();
    }

    @AfterEach
    void tearDown() {
        wake.countDown();
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

    static String content(String replyXml) {
        return MessageParser.defaults().parseFields(replyXml).text("Content");
    }

    @Test
    void handshakeEchoes() {
        SignedCallback hs = CallbackSigner.plain(TOKEN).handshake("echo-123");
        CallbackResponse r = callback.handle(new CallbackRequest("safe", "GET", hs.query(), null, "1.2.3.4"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("echo-123");
        assertThat(r.contentType()).startsWith("text/plain");
    }

    @Test
    void plainCallbackGetsAPlainReply() {
        CallbackResponse r = send("plain", CallbackSigner.plain(TOKEN).message(text("hello", 1)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/xml");
        XmlFields f = MessageParser.defaults().parseFields(r.body());
        assertThat(f.text("Content")).isEqualTo("你好 from plain");
        assertThat(f.text("ToUserName")).isEqualTo("oUser");
        assertThat(f.text("FromUserName")).isEqualTo("gh_acc");
    }

    @Test
    void safeModeCallbackIsDecryptedAndTheReplyEncrypted() {
        CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
        CallbackResponse r = send("safe", wechat.message(text("hello", 2)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(MessageParser.defaults().parseFields(r.body()).names()).contains("Encrypt", "MsgSignature");
        assertThat(content(wechat.readReply(r.body()))).isEqualTo("你好 from safe");
    }

    @Test
    void compatibleModeAcceptsBothKinds() {
        CallbackSigner enc = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.COMPATIBLE);
        CallbackResponse r = send("compat", enc.message(text("hello", 3)));
        assertThat(content(enc.readReply(r.body()))).isEqualTo("你好 from compat");
        CallbackResponse p = send("compat", CallbackSigner.plain(TOKEN).message(text("hello", 4)));
        assertThat(content(p.body())).isEqualTo("你好 from compat");
    }

    @Test
    void unmatchedMessagesAnswerSuccess() {
        CallbackResponse r = send("plain", CallbackSigner.plain(TOKEN).message(text("nobody listens", 5)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("success");
    }

    @Test
    void badInputIsAShort4xxNeverAStackTrace() {
        SignedCallback good = CallbackSigner.plain(TOKEN).message(text("hello", 6));
        java.util.Map<String, String> badSig = new java.util.HashMap<>(good.query());
        badSig.put("signature", "0".repeat(40));
        assertRefused(callback.handle(new CallbackRequest("plain", "POST", badSig, good.body().getBytes(), "")),
                403, "invalid signature");
        java.util.Map<String, String> missing = new java.util.HashMap<>(good.query());
        missing.remove("nonce");
        assertRefused(callback.handle(new CallbackRequest("plain", "POST", missing, good.body().getBytes(), "")),
                400, "missing");
        SignedCallback old = CallbackSigner.plain(TOKEN).message(text("hello", 7), "1000000000", "n1");
        assertRefused(send("plain", old), 400, "timestamp");
        SignedCallback badXml = CallbackSigner.plain(TOKEN).message(text("x", 8));
        assertRefused(callback.handle(new CallbackRequest("plain", "POST", badXml.query(),
                "<xml><a></xml>".getBytes(), "")), 400, "malformed XML");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml>&e;</xml>";
        assertRefused(callback.handle(new CallbackRequest("plain", "POST", CallbackSigner.plain(TOKEN)
                .message(text("x", 9)).query(), xxe.getBytes(), "")), 400, "DOCTYPE");
        assertRefused(send("safe", CallbackSigner.plain(TOKEN).message(text("hello", 10))), 400, "safe mode");
        assertThat(callback.handle(new CallbackRequest("nope", "POST", good.query(), good.body().getBytes(), ""))
                .status()).isEqualTo(404);
    }

    @Test
    void badCiphertextPaddingAndAppIdAreRefused() {
        CallbackSigner otherApp = CallbackSigner.encrypted(TOKEN, AES, "wx0000000000000000", EncryptMode.SAFE);
        assertRefused(send("safe", otherApp.message(text("hello", 11))), 400, "appId");

        // a ciphertext whose padding is invalid, correctly signed
        byte[] key = Base64.getDecoder().decode(AES + "=");
        byte[] plain = new byte[64];
        plain[63] = 0;
        String encrypt = aes(key, plain);
        assertRefused(sendEncrypt("safe", encrypt), 400, "padding");
        assertRefused(sendEncrypt("safe", "not*base64"), 400, "base64");
        assertRefused(sendEncrypt("safe", Base64.getEncoder().encodeToString(new byte[20])), 400, "block");
    }

    private CallbackResponse sendEncrypt(String account, String encrypt) {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = "n" + System.nanoTime();
        java.util.Map<String, String> q = new java.util.HashMap<>();
        q.put("signature", org.wechatmp.core.crypto.Signatures.callbackSignature(TOKEN, ts, nonce));
        q.put("timestamp", ts);
        q.put("nonce", nonce);
        q.put("encrypt_type", "aes");
        q.put("msg_signature", org.wechatmp.core.crypto.Signatures.messageSignature(TOKEN, ts, nonce, encrypt));
        String body = "<xml><ToUserName>gh</ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
        return callback.handle(new CallbackRequest(account, "POST", q, body.getBytes(), ""));
    }

    private static String aes(byte[] key, byte[] plain) {
        try {
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(c.doFinal(plain));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRefused(CallbackResponse r, int status, String reason) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body()).containsIgnoringCase(reason).doesNotContain("Exception").doesNotContain("\n")
                .doesNotContain(TOKEN).doesNotContain(AES);
    }

    @Test
    void aReusedNonceWithAnotherMessageIsRefusedButARedeliveryGetsTheSameReply() {
        CallbackSigner wechat = CallbackSigner.plain(TOKEN);
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        SignedCallback first = wechat.message(text("hello", 20), ts, "same-nonce");
        CallbackResponse r1 = send("plain", first);
        assertThat(content(r1.body())).isEqualTo("你好 from plain");
        // an identical redelivery: answered from the dedupe record
        assertThat(send("plain", first).body()).isEqualTo(r1.body());
        // a different message under the same nonce is a replay
        assertRefused(send("plain", wechat.message(text("hello", 21), ts, "same-nonce")), 400, "nonce");
    }

    @Test
    void threeConcurrentDeliveriesRunTheHandlerOnceAndGetTheSameAnswer() throws Exception {
        CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
        String xml = text("slow", 30);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<CallbackResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SignedCallback delivery = wechat.message(xml); // each retry has its own nonce
                futures.add(pool.submit(() -> {
                    go.await();
                    return send("safe", delivery);
                }));
            }
            go.countDown();
            List<String> replies = new ArrayList<>();
            for (Future<CallbackResponse> f : futures) {
                replies.add(content(wechat.readReply(f.get().body())));
            }
            assertThat(replies).containsExactly("slow done", "slow done", "slow done");
        } finally {
            pool.shutdownNow();
        }
        assertThat(slowRuns.get()).isEqualTo(1);
        // a later redelivery gets the recorded reply without running the handler
        assertThat(content(wechat.readReply(send("safe", wechat.message(xml)).body()))).isEqualTo("slow done");
        assertThat(slowRuns.get()).isEqualTo(1);
    }

    @Test
    void aTenSecondHandlerIsAnsweredInTimeAndItsReplyGoesThroughCustomerService() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SignedCallback req = CallbackSigner.plain(TOKEN).message(text("sleep10", 40));
            Future<CallbackResponse> answer = pool.submit(() -> send("plain", req));
            assertThat(sleeping.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            ticks.addAndGet(Duration.ofMillis(4_600).toNanos()); // the ticker passes the 4.5 s deadline
            CallbackResponse r = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.body()).isEqualTo("success");
        } finally {
            pool.shutdownNow();
        }
        wake.countDown(); // the handler finishes late
        long deadline = System.currentTimeMillis() + 15_000;
        while (wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))).isEmpty()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")).withRequestBody(equalToJson(
                "{\"touser\":\"oUser\",\"msgtype\":\"text\",\"text\":{\"content\":\"finally\"}}")));
    }

    @Test
    void replyAllSendsTheOthersThroughCustomerServiceAfterThePassiveReply() throws Exception {
        CallbackResponse r = send("plain", CallbackSigner.plain(TOKEN).message(text("three", 50)));
        assertThat(content(r.body())).isEqualTo("three");
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")))).isEmpty();
        r.afterResponse();
        long deadline = System.currentTimeMillis() + 5_000;
        while (wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))).size() < 2
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        List<String> bodies = wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))).stream()
                .map(x -> x.getBodyAsString()).toList();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).contains("\"one\"");
        assertThat(bodies.get(1)).contains("\"two\"");
    }

    @Test
    void aFailedExtraSendIsLoggedAndTheRestContinue() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).withRequestBody(containing("\"one\""))
                .willReturn(okJson("{\"errcode\":45015,\"errmsg\":\"response out of time limit\"}")));
        CallbackResponse r = send("plain", CallbackSigner.plain(TOKEN).message(text("three", 51)));
        r.afterResponse();
        long deadline = System.currentTimeMillis() + 5_000;
        while (wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
                .withRequestBody(containing("\"two\""))).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
                .withRequestBody(containing("\"two\"")));
    }

    @Test
    void aFailingHandlerAnswersSuccess() {
        CallbackResponse r = send("plain", CallbackSigner.plain(TOKEN).message(text("broken", 60)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("success");
    }

    @Test
    void forwardPostsTheDecryptedXmlWithTheQueryAndUsesItsReply() {
        wm.stubFor(post(urlPathEqualTo("/forward")).willReturn(aResponse().withBody(
                "<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_acc]]></FromUserName>"
                        + "<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                        + "<Content><![CDATA[forwarded!]]></Content></xml>")));
        CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
        SignedCallback req = wechat.message(text("please forward", 70));
        CallbackResponse r = send("safe", req);
        assertThat(content(wechat.readReply(r.body()))).isEqualTo("forwarded!");
        wm.verify(postRequestedFor(urlPathEqualTo("/forward"))
                .withQueryParam("nonce", equalTo(req.query().get("nonce")))
                .withRequestBody(containing("<Content><![CDATA[please forward]]></Content>")));
    }

    @Test
    void aForwardTargetThatAnswersEmptyMeansNoReplyAndATimeoutStillAnswersInTime() {
        wm.stubFor(post(urlPathEqualTo("/forward")).willReturn(aResponse().withBody("")));
        assertThat(send("plain", CallbackSigner.plain(TOKEN).message(text("forward", 71))).body())
                .isEqualTo("success");
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        WeChatCallback quick = WeChatCallback.builder(accounts, ReplyEngine.builder(handlers).build())
                .deadline(Duration.ofMillis(500)).ticker(() -> clock.addAndGet(100_000_000L)).build(); // +100 ms a read
        try {
            wm.stubFor(post(urlPathEqualTo("/forward")).willReturn(aResponse().withBody("<xml/>")
                    .withFixedDelay(3_000)));
            SignedCallback req = CallbackSigner.plain(TOKEN).message(text("forward", 72));
            CallbackResponse r = quick.handle(new CallbackRequest("plain", "POST", req.query(),
                    req.body().getBytes(StandardCharsets.UTF_8), ""));
            assertThat(r.body()).isEqualTo("success");
        } finally {
            quick.close();
        }
    }

    @Test
    void subscriptionsAreTrackedWithAFirstFollowFlag() {
        String sub = "<xml><ToUserName>gh</ToUserName><FromUserName>oNew</FromUserName><CreateTime>"
                + (System.currentTimeMillis() / 1000) + "</CreateTime><MsgType>event</MsgType>"
                + "<Event>subscribe</Event></xml>";
        assertThat(content(send("plain", CallbackSigner.plain(TOKEN).message(sub)).body())).isEqualTo("welcome!");
        assertThat(users.find("plain", "oNew")).hasValueSatisfying(u -> assertThat(u.subscribed()).isTrue());
        String unsub = sub.replace("subscribe", "unsubscribe");
        send("plain", CallbackSigner.plain(TOKEN).message(unsub));
        assertThat(users.find("plain", "oNew")).hasValueSatisfying(u -> assertThat(u.subscribed()).isFalse());
        String again = sub.replace("<CreateTime>", "<CreateTime>1");
        assertThat(content(send("plain", CallbackSigner.plain(TOKEN).message(again)).body()))
                .isEqualTo("welcome back!");
    }

    @Test
    void messagesAndRepliesAreLoggedAsynchronously() {
        send("plain", CallbackSigner.plain(TOKEN).message(text("hello", 80)));
        callback.flushMessageLog();
        List<MessageLogEntry> entries = log.entries();
        assertThat(entries).extracting(MessageLogEntry::direction).containsExactly(MessageLogEntry.Direction.IN,
                MessageLogEntry.Direction.OUT);
        assertThat(entries.get(0).msgId()).isEqualTo(80);
        assertThat(entries.get(0).handler()).isEqualTo("hello");
        assertThat(entries.get(0).xml()).contains("hello");
        assertThat(entries.get(1).xml()).contains("你好 from plain");
    }

    @Test
    void listenersSeeReceivedAndHandled() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        WeChatCallback c = WeChatCallback.builder(accounts, ReplyEngine.builder(handlers).build())
                .listener(new CallbackListener() {
                    @Override
                    public void received(MessageContext context) {
                        events.add("received");
                    }

                    @Override
                    public void handled(MessageContext context, Reply reply) {
                        events.add("handled " + reply.msgType());
                    }
                }).build();
        try {
            SignedCallback req = CallbackSigner.plain(TOKEN).message(text("hello", 90));
            c.handle(new CallbackRequest("plain", "POST", req.query(), req.body().getBytes(StandardCharsets.UTF_8),
                    ""));
        } finally {
            c.close();
        }
        assertThat(events).containsExactly("received", "handled text");
    }

    @Test
    void theReplyEnvelopeIsSignedWithTheAccountToken() {
        CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
        CallbackResponse r = send("safe", wechat.message(text("hello", 100)));
        XmlFields env = MessageParser.defaults().parseFields(r.body());
        WeChatCrypto.of(TOKEN, AES, APP_ID).checkMessageSignature(env.text("MsgSignature"), env.text("TimeStamp"),
                env.text("Nonce"), env.text("Encrypt"));
    }
}
