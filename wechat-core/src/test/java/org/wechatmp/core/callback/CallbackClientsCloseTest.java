package org.wechatmp.core.callback;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.InMemoryAccountRegistry;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.CallbackSigner;
import org.wechatmp.core.crypto.SignedCallback;
import org.wechatmp.core.engine.Handler;
import org.wechatmp.core.engine.HandlerReply;
import org.wechatmp.core.engine.InMemoryHandlerRepository;
import org.wechatmp.core.engine.ReplyEngine;
import org.wechatmp.core.engine.Rule;

/** A callback built without a client factory releases the clients it made when it is closed. */
class CallbackClientsCloseTest {
    static final String TOKEN = "close-token";
    WireMockServer wm;
    InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    ReplyEngine engine;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"AT\",\"expires_in\":7200}")));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":0}")));
        accounts.put(Account.of("a", "wx_a", "secret", TOKEN).withOption("api_base", wm.baseUrl()));
        accounts.put(Account.of("b", "wx_b", "secret", TOKEN).withOption("api_base", wm.baseUrl()));
        InMemoryHandlerRepository handlers = new InMemoryHandlerRepository();
        for (String a : List.of("a", "b")) {
            handlers.save(a, Handler.builder("two").rule(Rule.equalTo("two")).reply(HandlerReply.text("one"))
                    .reply(HandlerReply.text("two")).build());
        }
        engine = ReplyEngine.builder(handlers).build();
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    /** Sends "two" to an account: the second reply goes through customer service, so its client is made and used. */
    static void replyAll(WeChatCallback callback, String account, long msgId) {
        String xml = "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[oU]]></FromUserName>"
                + "<CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[text]]>"
                + "</MsgType><Content><![CDATA[two]]></Content><MsgId>" + msgId + "</MsgId></xml>";
        SignedCallback signed = CallbackSigner.plain(TOKEN).message(xml);
        callback.handle(new CallbackRequest(account, "POST", signed.query(),
                signed.body().getBytes(StandardCharsets.UTF_8), "")).afterResponse();
    }

    void awaitSends(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))).size() < n
                && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")))).hasSize(n);
    }

    /** Non-daemon threads whose name says OkHttp, after waiting up to 5 s for them to end. */
    static List<Thread> lingeringOkHttpThreads() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Thread> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().contains("OkHttp")).toList();
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < until);
        return alive;
    }

    @Test
    void closingTheCallbackReleasesTheClientsItMade() throws Exception {
        WeChatCallback callback = WeChatCallback.builder(accounts, engine).build();
        replyAll(callback, "a", 1);
        replyAll(callback, "b", 2);
        awaitSends(2);
        OkHttpClient http = callback.ownClients().http();
        WeChatClient a = callback.ownClients().apply(accounts.find("a").orElseThrow());
        assertThat(callback.ownClients().apply(accounts.find("a").orElseThrow())).isSameAs(a); // cached
        assertThat(http.connectionPool().connectionCount()).isPositive();
        CountDownLatch done = new CountDownLatch(1); // an async call starts an "OkHttp Dispatcher" thread
        http.newCall(new Request.Builder().url(wm.baseUrl() + "/cgi-bin/token").build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                done.countDown();
            }

            @Override
            public void onResponse(Call call, Response response) {
                response.close();
                done.countDown();
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

        callback.close();

        assertThat(http.dispatcher().executorService().isShutdown()).isTrue();
        assertThat(http.connectionPool().connectionCount()).isZero();
        assertThat(lingeringOkHttpThreads()).isEmpty();
    }

    @Test
    void clientsFromAGivenFactoryAreLeftToTheirOwner() throws Exception {
        OkHttpClient owners = new OkHttpClient();
        try {
            WeChatCallback callback = WeChatCallback.builder(accounts, engine)
                    .clients(acc -> WeChatClient.builder(acc).httpClient(owners).build()).build();
            assertThat(callback.ownClients()).isNull();
            replyAll(callback, "a", 3);
            awaitSends(1);
            callback.close();
            assertThat(owners.dispatcher().executorService().isShutdown()).isFalse();
        } finally {
            owners.dispatcher().executorService().shutdown();
            owners.connectionPool().evictAll();
        }
    }
}
