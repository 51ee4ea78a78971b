package org.wechatmp.examples.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
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
 * Distinct deliveries through the default {@link WeChatCallback} (in-memory nonce and dedupe stores, replay
 * protection on, the system clock): every operation is a new message (new MsgId, nonce and current timestamp),
 * signed and encrypted as WeChat would, then handled. Over a minute of measurement this is ~a million entries in
 * each store, so it shows whether throughput and heap stay flat as the stores fill.
 *
 * <p>{@code distinct} is compared with {@code sameMessage}: the same client-side work (sign and encrypt one message
 * with a fresh nonce) through a callback with no stores (replay protection off, deduplication off), i.e. the
 * single-message figure of {@link CallbackBenchmark} plus the cost of making the request. After each iteration the
 * used heap after a full GC is printed.
 *
 * <pre>mvn -B -q -f examples/benchmarks exec:exec@jmh -Djmh.args="DistinctDeliveryBenchmark -prof gc"</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 20)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class DistinctDeliveryBenchmark {
    static final String TOKEN = "benchtoken";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";

    private WeChatCallback stored;
    private WeChatCallback storeless;
    private CallbackSigner wechat;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        Account account = new Account("bench", "bench", Account.Type.SERVICE, APP_ID, "", TOKEN, AES,
                EncryptMode.SAFE, false, false, Map.of());
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        handlers.save("bench", Handler.builder("h").createdAt(Instant.EPOCH).rule(Rule.equalTo("keyword"))
                .reply(HandlerReply.text("reply")).build());
        ReplyEngine engine = ReplyEngine.builder(handlers).build();
        stored = WeChatCallback.builder(new InMemoryAccountRegistry(account), engine).trackSubscriptions(false)
                .build();
        storeless = WeChatCallback.builder(new InMemoryAccountRegistry(account), engine).trackSubscriptions(false)
                .replayProtection(false).deduplicator(new CallbackBenchmark.NoDedupe()).build();
        wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
        String reply = wechat.readReply(distinct().body());
        if (!reply.contains("reply") || !wechat.readReply(sameMessage().body()).contains("reply")) {
            throw new IllegalStateException("unexpected reply: " + reply);
        }
    }

    @TearDown(Level.Iteration)
    public void heap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%n[heap after GC: %d MiB, %d deliveries so far]%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20, sequence);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stored.close();
        storeless.close();
    }

    private CallbackRequest request(long msgId) {
        long now = System.currentTimeMillis() / 1000;
        String xml = "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBenchUser]]>"
                + "</FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[keyword]]></Content><MsgId>" + msgId + "</MsgId></xml>";
        SignedCallback signed = wechat.message(xml, Long.toString(now), "n" + (++sequence));
        return new CallbackRequest("bench", "POST", signed.query(), signed.body().getBytes(StandardCharsets.UTF_8),
                "127.0.0.1");
    }

    /** A new message each time through the default stores. */
    @Benchmark
    public CallbackResponse distinct() {
        return stored.handle(request(1_000_000_000L + sequence));
    }

    /** The same client-side work for one repeated message, through a callback without stores. */
    @Benchmark
    public CallbackResponse sameMessage() {
        return storeless.handle(request(42));
    }
}
