package org.wechatmp.examples.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import me.chanjar.weixin.mp.api.WxMpMessageRouter;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.wechatmp.core.Account;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.callback.WeChatCallback;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.crypto.TimestampWindow;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.engine.Rule;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.engine.InMemoryHandlerRepository;

/**
 * The encrypted round trip of a text message (verify, decrypt, parse, match, render, encrypt), ours against WxJava's
 * ({@code WxMpXmlMessage.fromEncryptedXml} then {@code WxMpMessageRouter.route} with a sync rule then
 * {@code toEncryptedXml}), with 1 and with 1,000 keyword rules, in the same JMH run.
 *
 * <p>Both sides get the same signed, encrypted request. Ours runs the real {@link WeChatCallback} with replay
 * protection and deduplication switched off (the same message is sent again and again); WxJava's duplicate checker
 * is switched off for the same reason. In both, the matching keyword rule is the last one registered.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class CallbackBenchmark {
    static final String TOKEN = "benchtoken";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";
    static final long NOW = 1_700_000_000L;

    @Param({"1", "1000"})
    int rules;

    private WeChatCallback ours;
    private CallbackRequest request;
    private WxMpDefaultConfigImpl wxConfig;
    private WxMpMessageRouter wxRouter;
    private String body;
    private String timestamp;
    private String nonce;
    private String msgSignature;

    @Setup(Level.Trial)
    public void setUp() {
        String keyword = "keyword" + (rules - 1);
        String xml = "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBenchUser]]>"
                + "</FromUserName><CreateTime>" + NOW + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + keyword + "]]></Content><MsgId>1234567890123456</MsgId></xml>";
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        SignedCallback signed = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE).withClock(clock)
                .message(xml);
        body = signed.body();
        timestamp = signed.query().get("timestamp");
        nonce = signed.query().get("nonce");
        msgSignature = signed.query().get("msg_signature");

        // ours
        Account account = new Account("bench", "bench", Account.Type.SERVICE, APP_ID, "", TOKEN, AES,
                EncryptMode.SAFE, false, false, Map.of());
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        for (int i = 0; i < rules; i++) {
            handlers.save("bench", Handler.builder("h" + i).createdAt(Instant.ofEpochSecond(i))
                    .rule(Rule.equalTo("keyword" + i)).reply(HandlerReply.text("reply " + i)).build());
        }
        ours = WeChatCallback.builder(new InMemoryAccountRegistry(account), ReplyEngine.builder(handlers).build())
                .replayProtection(false).deduplicator(new NoDedupe()).trackSubscriptions(false)
                .timestampWindow(TimestampWindow.of(clock, Duration.ofSeconds(180))).build();
        request = new CallbackRequest("bench", "POST", signed.query(), body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1");

        // WxJava
        wxConfig = new WxMpDefaultConfigImpl();
        wxConfig.setAppId(APP_ID);
        wxConfig.setSecret("unused");
        wxConfig.setToken(TOKEN);
        wxConfig.setAesKey(AES);
        WxMpServiceImpl service = new WxMpServiceImpl();
        service.setWxMpConfigStorage(wxConfig);
        wxRouter = new WxMpMessageRouter(service);
        wxRouter.setMessageDuplicateChecker(id -> false);
        for (int i = 0; i < rules; i++) {
            String reply = "reply " + i;
            wxRouter.rule().async(false).msgType("text").content("keyword" + i)
                    .handler((msg, ctx, svc, sessions) -> WxMpXmlOutMessage.TEXT().content(reply)
                            .fromUser(msg.getToUser()).toUser(msg.getFromUser()).build()).end();
        }
        // both must produce the same reply before anything is measured
        String oursReply = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE).readReply(ours().body());
        String wxReply = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE).readReply(wxjava());
        if (!oursReply.contains("reply " + (rules - 1)) || !wxReply.contains("reply " + (rules - 1))) {
            throw new IllegalStateException("the two sides do not answer alike:\n" + oursReply + "\n" + wxReply);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ours.close();
    }

    @Benchmark
    public CallbackResponse ours() {
        return ours.handle(request);
    }

    @Benchmark
    public String wxjava() {
        WxMpXmlMessage in = WxMpXmlMessage.fromEncryptedXml(body, wxConfig, timestamp, nonce, msgSignature);
        WxMpXmlOutMessage out = wxRouter.route(in);
        return out.toEncryptedXml(wxConfig);
    }

    /** Every delivery is new: the benchmark repeats one message on purpose. */
    static final class NoDedupe implements Deduplicator {
        private static final Status CLAIMED = new Status(State.CLAIMED, "");

        @Override
        public Status begin(String key, Instant expiresAt) {
            return CLAIMED;
        }

        @Override
        public Optional<Status> get(String key) {
            return Optional.empty();
        }

        @Override
        public void finish(String key, String reply, Instant expiresAt) {
        }
    }
}
