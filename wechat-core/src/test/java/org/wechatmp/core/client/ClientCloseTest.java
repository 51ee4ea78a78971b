package org.wechatmp.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatHttpException;

class ClientCloseTest extends WireMockClientTest {

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

    private static void asyncCall(OkHttpClient http, String url) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        http.newCall(new Request.Builder().url(url).build()).enqueue(new Callback() {
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
    }

    @Test
    void closingAClientThatMadeItsOwnHttpClientReleasesConnectionsAndThreads() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/getcallbackip")).willReturn(okJson("{\"ip_list\":[]}")));
        WeChatClient own = WeChatClient.builder(APP_ID, SECRET).baseUrl(wm.baseUrl()).tokenStore(store)
                .clock(clock).build();
        OkHttpClient http = own.httpClient();
        own.get("/cgi-bin/getcallbackip", java.util.Map.of());
        asyncCall(http, wm.baseUrl() + "/cgi-bin/getcallbackip"); // starts an "OkHttp Dispatcher" thread
        assertThat(http.connectionPool().connectionCount()).isPositive();

        own.close();

        assertThat(http.dispatcher().executorService().isShutdown()).isTrue();
        assertThat(http.connectionPool().connectionCount()).isZero();
        assertThat(lingeringOkHttpThreads()).isEmpty();
    }

    @Test
    void closingAClientOnTheCallersHttpClientLeavesThatClientWorking() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/getcallbackip")).willReturn(okJson("{\"ip_list\":[]}")));
        OkHttpClient users = new OkHttpClient();
        try {
            WeChatClient shared = builder().httpClient(users).build();
            shared.get("/cgi-bin/getcallbackip", java.util.Map.of());
            int pooled = users.connectionPool().connectionCount();
            assertThat(pooled).isPositive();

            shared.close();

            assertThat(users.dispatcher().executorService().isShutdown()).isFalse();
            assertThat(users.connectionPool().connectionCount()).isEqualTo(pooled);
            asyncCall(users, wm.baseUrl() + "/cgi-bin/getcallbackip"); // still usable, asynchronously too
        } finally {
            users.dispatcher().executorService().shutdown();
            users.connectionPool().evictAll();
        }
    }

    @Test
    void aTimeoutOnTheCallersHttpClientDerivesAClientSharingItsPool() {
        OkHttpClient users = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();
        WeChatClient c = builder().httpClient(users).timeout(Duration.ofMillis(300)).build();
        assertThat(c.httpClient()).isNotSameAs(users);
        assertThat(c.httpClient().connectionPool()).isSameAs(users.connectionPool());
        assertThat(c.httpClient().readTimeoutMillis()).isEqualTo(300);
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/getcallbackip")).willReturn(okJson("{}").withFixedDelay(1_500)));
        assertThatThrownBy(() -> c.get("/cgi-bin/getcallbackip", java.util.Map.of()))
                .isInstanceOfSatisfying(WeChatHttpException.class, e -> assertThat(e.isTimeout()).isTrue());
        c.close();
        assertThat(users.dispatcher().executorService().isShutdown()).isFalse();
    }
}
