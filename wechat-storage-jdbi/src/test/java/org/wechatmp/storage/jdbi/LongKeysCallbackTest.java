package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.callback.CallbackResponse;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;

/**
 * Signed, encrypted callbacks through a runtime on the database whose dedupe key and nonce are far longer than any
 * column: a VIEW event with a 10 KB EventKey from a 200-character openid, and 1 KB nonces. The handler runs once,
 * the reply comes back, a redelivery gets the recorded reply, and the message log holds the rows.
 */
class LongKeysCallbackTest {
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String OPENID = "o" + "x".repeat(199);

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    static CallbackResponse send(WeChatRuntime runtime, SignedCallback request) {
        return runtime.callback().handle(new CallbackRequest("demo", "POST", request.query(),
                request.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
    }

    static String now() {
        return String.valueOf(System.currentTimeMillis() / 1000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aViewEventWithATenKilobyteKeyAndKilobyteNoncesIsHandledOnce(Databases.Db db) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (JdbiStorage s = Databases.fresh(db)) {
            s.accounts().save(new Account("demo", "demo", Account.Type.SERVICE, "wx_long", "", "tok", AES_KEY,
                    EncryptMode.SAFE, true, false, Map.of()));
            s.handlers().save("demo", Handler.builder("view").rule(Rule.event("VIEW"))
                    .reply(HandlerReply.custom("count")).build());
            try (WeChatRuntime runtime = s.runtime().customReply("count", ctx -> "handled " + runs.incrementAndGet()
                    + " key " + ctx.message().eventKey().length()).build()) {
                CallbackSigner wechat = CallbackSigner.encrypted("tok", AES_KEY, "wx_long", EncryptMode.SAFE);
                String key = "https://example.com/page?q=" + "k".repeat(10_240);
                String xml = "<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[" + OPENID
                        + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[event]]>"
                        + "</MsgType><Event><![CDATA[VIEW]]></Event><EventKey><![CDATA[" + key + "]]></EventKey></xml>";
                String ts = now();
                SignedCallback first = wechat.message(xml, ts, "n".repeat(1_024));
                CallbackResponse answer = send(runtime, first);
                assertThat(answer.status()).isEqualTo(200);
                String reply = wechat.readReply(answer.body());
                assertThat(reply).contains("handled 1 key " + key.length()).contains(OPENID);
                assertThat(runs).hasValue(1);

                // WeChat's retry: the same message under another 1 KB nonce gets the recorded reply, no second run
                CallbackResponse retry = send(runtime, wechat.message(xml, ts, "m".repeat(1_024)));
                assertThat(wechat.readReply(retry.body())).isEqualTo(reply);
                // the very same request again (same nonce): only the recorded reply, never a second run
                CallbackResponse replay = send(runtime, first);
                assertThat(wechat.readReply(replay.body())).isEqualTo(reply);
                assertThat(runs).hasValue(1);

                // the message log (written off the request thread) holds the 200-character openid and the key
                List<MessageLogEntry> logged = List.of();
                for (long until = System.nanoTime() + 20_000_000_000L; System.nanoTime() < until; Thread.sleep(50)) {
                    logged = s.messageLog().query("demo", org.wechatmp.core.callback.MessageLogQuery.builder().page(org.wechatmp.core.spi.PageRequest.first(10)).build()).items().stream().map(org.wechatmp.core.callback.LoggedMessage::entry).toList();
                    if (!logged.isEmpty()) {
                        break;
                    }
                }
                assertThat(logged).singleElement().satisfies(e -> {
                    assertThat(e.openid()).isEqualTo(OPENID);
                    assertThat(e.event()).isEqualToIgnoringCase("view");
                    assertThat(e.xml()).contains(key);
                });
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aKilobyteNonceIsRememberedAndAReplayWithAnotherBodyIsRefused(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            s.accounts().save(Account.of("demo", "wx_nonce", "", "tok"));
            s.handlers().save("demo", Handler.builder("echo").rule(Rule.all()).reply(HandlerReply.text("pong"))
                    .build());
            try (WeChatRuntime runtime = s.runtime().build()) {
                CallbackSigner wechat = CallbackSigner.plain("tok");
                String ts = now();
                String nonce = "长".repeat(1_024);
                String xml = "<xml><ToUserName>gh</ToUserName><FromUserName>" + OPENID + "</FromUserName><CreateTime>"
                        + ts + "</CreateTime><MsgType>text</MsgType><Content>ping</Content><MsgId>%d</MsgId></xml>";
                CallbackResponse answer = send(runtime, wechat.message(xml.formatted(1001), ts, nonce));
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).contains("pong").contains(OPENID);
                // the same timestamp and nonce with another message: a replay, refused
                CallbackResponse replay = send(runtime, wechat.message(xml.formatted(1002), ts, nonce));
                assertThat(replay.status()).isEqualTo(400);
                assertThat(replay.body()).doesNotContain("pong");
            }
        }
    }
}
