package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
import org.wechatmp.core.message.MessageParser;

/**
 * Two callback nodes, each with its own storage (its own pool) on one database: WeChat delivering the same
 * (timestamp, nonce) three times at once across them runs the handler once, and every delivery gets the recorded
 * reply, never "nonce already used".
 */
class SharedCallbackNonceTest {
    static final String TOKEN = "nonce-token";
    static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APP_ID = "wxb11529c136998cb6";

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void theSameNonceThreeTimesAcrossNodesGetsTheRecordedReply(Databases.Db db) throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        InMemoryAccountRegistry accounts = new InMemoryAccountRegistry(new Account("safe", "safe",
                Account.Type.SERVICE, APP_ID, "", TOKEN, AES, EncryptMode.SAFE, false, false, Map.of()));
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        handlers.save("safe", Handler.builder("count").rule(Rule.contains("count")).reply(HandlerReply.custom("count"))
                .build());
        ReplyEngine engine = ReplyEngine.builder(handlers).customReply("count", c -> {
            String content = c.message().fields().text("Content");
            runs.computeIfAbsent(content, k -> new AtomicInteger()).incrementAndGet();
            return "reply to " + content;
        }).build();
        List<JdbiStorage> storages = new ArrayList<>();
        List<WeChatCallback> nodes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            try (JdbiStorage wipe = Databases.fresh(db)) {
                assertThat(wipe.vendor()).isNotEmpty();
            }
            for (int i = 0; i < 2; i++) {
                JdbiStorage s = JdbiStorage.builder(db.url()).poolSize(4).build();
                storages.add(s);
                nodes.add(WeChatCallback.builder(accounts, engine).deduplicator(s.deduplicator())
                        .nonceStore(s.nonces()).build());
            }
            CallbackSigner wechat = CallbackSigner.encrypted(TOKEN, AES, APP_ID, EncryptMode.SAFE);
            for (int round = 0; round < 20; round++) {
                String xml = "<xml><ToUserName>gh</ToUserName><FromUserName>oU</FromUserName><CreateTime>"
                        + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>text</MsgType><Content>"
                        + "<![CDATA[count " + round + "]]></Content><MsgId>" + (9_000 + round) + "</MsgId></xml>";
                SignedCallback delivery = wechat.message(xml); // one query and body, delivered three times
                CountDownLatch go = new CountDownLatch(1);
                List<Future<CallbackResponse>> answers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    WeChatCallback node = nodes.get(i % 2);
                    answers.add(pool.submit(() -> {
                        go.await();
                        return node.handle(new CallbackRequest("safe", "POST", delivery.query(),
                                delivery.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
                    }));
                }
                go.countDown();
                for (Future<CallbackResponse> f : answers) {
                    CallbackResponse r = f.get(30, TimeUnit.SECONDS);
                    assertThat(r.status()).as("round %d: %s", round, r.body()).isEqualTo(200);
                    assertThat(MessageParser.defaults().parseFields(wechat.readReply(r.body())).text("Content"))
                            .isEqualTo("reply to count " + round);
                }
                assertThat(runs.get("count " + round)).hasValue(1);
            }
        } finally {
            pool.shutdownNow();
            nodes.forEach(WeChatCallback::close);
            storages.forEach(JdbiStorage::close);
        }
    }
}
