package org.wechatmp.storage.jdbi;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.callback.CallbackRequest;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.Rule;

/**
 * Several independent storages (each its own HikariCP pool, as separate processes would have) on one database:
 * the token endpoint is called exactly once however many threads ask, and a delivery is handled once across nodes.
 */
class SharedTokenStoreTest {
    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void exactlyOneRefreshAcrossStoragesAndThreads(Databases.Db db) throws Exception {
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"SHARED\",\"expires_in\":7200}").withFixedDelay(300)));
        List<JdbiStorage> storages = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        try {
            try (JdbiStorage wipe = Databases.fresh(db)) {
                assertThat(wipe.vendor()).isNotEmpty();
            }
            List<WeChatClient> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JdbiStorage s = JdbiStorage.builder(db.url()).poolSize(6).build();
                storages.add(s);
                clients.add(WeChatClient.builder("wx_shared", "secret").baseUrl(wm.baseUrl()).tokenStore(s.tokens())
                        .build());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 48; t++) {
                WeChatClient c = clients.get(t % clients.size());
                results.add(pool.submit(() -> {
                    go.await();
                    return c.accessToken();
                }));
            }
            go.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo("SHARED");
            }
            wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        } finally {
            pool.shutdownNow();
            storages.forEach(JdbiStorage::close);
            wm.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void aDeliveryIsHandledOnceAcrossNodes(Databases.Db db) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<JdbiStorage> storages = new ArrayList<>();
        List<WeChatRuntime> nodes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            JdbiStorage first = Databases.fresh(db);
            storages.add(first);
            first.accounts().save(Account.of("demo", "wx1", "", "tok"));
            first.handlers().save("demo", Handler.builder("slow").rule(Rule.all()).reply(HandlerReply.custom("slow"))
                    .build());
            for (int i = 0; i < 3; i++) {
                JdbiStorage s = i == 0 ? first : JdbiStorage.builder(db.url()).poolSize(4).build();
                if (i > 0) {
                    storages.add(s);
                }
                nodes.add(s.runtime().customReply("slow", c -> {
                    runs.incrementAndGet();
                    Thread.sleep(300);
                    return "done once";
                }).build());
            }
            String xml = "<xml><ToUserName>gh</ToUserName><FromUserName>oU</FromUserName><CreateTime>"
                    + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType>text</MsgType><Content>x</Content>"
                    + "<MsgId>987654321</MsgId></xml>";
            List<Future<String>> answers = new ArrayList<>();
            for (WeChatRuntime node : nodes) {
                var req = CallbackSigner.plain("tok").message(xml);
                answers.add(pool.submit(() -> node.callback().handle(new CallbackRequest("demo", "POST", req.query(),
                        req.body().getBytes(StandardCharsets.UTF_8), "")).body()));
            }
            List<String> bodies = new ArrayList<>();
            for (Future<String> f : answers) {
                bodies.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(runs.get()).isEqualTo(1);
            assertThat(bodies).allSatisfy(b -> assertThat(b).contains("done once"));
        } finally {
            pool.shutdownNow();
            nodes.forEach(WeChatRuntime::close);
            storages.forEach(JdbiStorage::close);
        }
    }
}
