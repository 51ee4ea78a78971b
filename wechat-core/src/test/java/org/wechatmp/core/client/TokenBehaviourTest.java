package org.wechatmp.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatHttpException;

class TokenBehaviourTest extends WireMockClientTest {

    private void stubMenuDelete() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(ok()));
    }

    @Test
    void fetchesTheTokenOnceAndCachesIt() {
        stubMenuDelete();
        client.menus().delete();
        client.menus().delete();
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token"))
                .withQueryParam("grant_type", equalTo("client_credential"))
                .withQueryParam("appid", equalTo(APP_ID)).withQueryParam("secret", equalTo(SECRET)));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/menu/delete"))
                .withQueryParam("access_token", equalTo("TOKEN1")));
    }

    @Test
    void refreshesAtTheMarginBeforeExpiry() {
        stubMenuDelete();
        client.menus().delete();
        clock.advance(Duration.ofSeconds(7200 - 301));
        client.menus().delete();
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        clock.advance(Duration.ofSeconds(2)); // now inside the 5-minute margin
        stubToken("TOKEN2", 7200);
        client.menus().delete();
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/menu/delete"))
                .withQueryParam("access_token", equalTo("TOKEN2")));
    }

    @Test
    void defaultsExpiryTo7200SecondsWhenAbsent() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\"}")));
        assertThat(client.accessToken()).isEqualTo("T");
        assertThat(store.get(APP_ID + ":access_token").orElseThrow().expiresAt())
                .isEqualTo(clock.instant().plusSeconds(7200));
    }

    @Test
    void hundredThreadsOnAnEmptyTokenMakeExactlyOneTokenRequest() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson(
                "{\"access_token\":\"SLOW\",\"expires_in\":7200}").withFixedDelay(200)));
        stubMenuDelete();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    client.menus().delete();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        wm.verify(100, getRequestedFor(urlPathEqualTo("/cgi-bin/menu/delete"))
                .withQueryParam("access_token", equalTo("SLOW")));
    }

    @Test
    void hundredThreadsOnAnExpiredTokenMakeExactlyOneTokenRequest() throws Exception {
        stubMenuDelete();
        client.menus().delete();
        clock.advance(Duration.ofHours(3));
        stubToken("FRESH", 7200);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(pool.submit(() -> client.menus().delete()));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        assertThat(client.accessToken()).isEqualTo("FRESH");
    }

    @Test
    void tokenErrorRefreshesOnceAndRetriesOnce() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).inScenario("retry")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(errcode(40001, "invalid credential"))
                .willSetStateTo("refreshed"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).inScenario("retry")
                .whenScenarioStateIs("refreshed").willReturn(ok()));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{\"access_token\":\"TOKEN1\"}"))
                .willSetStateTo("second"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario("tokens")
                .whenScenarioStateIs("second").willReturn(okJson("{\"access_token\":\"TOKEN2\"}")));
        client.menus().delete();
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/menu/delete"))
                .withQueryParam("access_token", equalTo("TOKEN1")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/menu/delete"))
                .withQueryParam("access_token", equalTo("TOKEN2")));
    }

    @Test
    void retriedPostKeepsItsBodyAndUsesTheNewToken() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/updateremark")).inScenario("r")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(errcode(42001, "access_token expired"))
                .willSetStateTo("ok"));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/user/info/updateremark")).inScenario("r")
                .whenScenarioStateIs("ok").willReturn(ok()));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"TOKEN1\"}")).willSetStateTo("2"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario("t").whenScenarioStateIs("2")
                .willReturn(okJson("{\"access_token\":\"TOKEN2\"}")));
        client.users().updateRemark("OPENID", "备注");
        wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/user/info/updateremark"))
                .withRequestBody(equalTo("{\"openid\":\"OPENID\",\"remark\":\"备注\"}")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/user/info/updateremark"))
                .withQueryParam("access_token", equalTo("TOKEN2")));
    }

    @Test
    void aSecondTokenErrorSurfacesInsteadOfLooping() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(errcode(40014, "invalid access_token")));
        assertThatThrownBy(() -> client.menus().delete()).isInstanceOfSatisfying(WeChatApiException.class, e -> {
            assertThat(e.errcode()).isEqualTo(40014);
            assertThat(e.endpoint()).isEqualTo("/cgi-bin/menu/delete");
            assertThat(e.getMessage()).doesNotContain("TOKEN1").doesNotContain(SECRET);
        });
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/menu/delete")));
    }

    @Test
    void aStaleFailureDoesNotDropANewerToken() {
        String key = APP_ID + ":access_token";
        store.put(key, new StoredToken("NEWER", clock.instant().plusSeconds(7200)));
        TokenManager tokens = new TokenManager(key, store, () -> {
            throw new AssertionError("must not refresh");
        }, clock, Duration.ofMinutes(5), Duration.ofSeconds(5));
        assertThat(tokens.invalidate("OLDER")).isFalse();
        assertThat(tokens.token()).isEqualTo("NEWER");
        assertThat(tokens.invalidate("NEWER")).isTrue();
        assertThat(store.get(key)).isEmpty();
    }

    @Test
    void concurrentFailuresOfTheSameTokenRefreshOnce() throws Exception {
        stubMenuDelete();
        client.menus().delete(); // TOKEN1 stored
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).withQueryParam("access_token", equalTo("TOKEN1"))
                .willReturn(errcode(40001, "invalid credential")));
        stubToken("TOKEN2", 7200);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> client.menus().delete()));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
    }

    @Test
    void busyErrorsAreRetriedUpToTheCap() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(errcode(-1, "system error")));
        assertThatThrownBy(() -> client.menus().delete()).isInstanceOfSatisfying(WeChatApiException.class,
                e -> assertThat(e.errcode()).isEqualTo(-1));
        wm.verify(4, getRequestedFor(urlPathEqualTo("/cgi-bin/menu/delete")));
    }

    @Test
    void busyThenSuccessSucceeds() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).inScenario("b").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(errcode(45011, "api minute-quota reach limit")).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).inScenario("b").whenScenarioStateIs("ok")
                .willReturn(ok()));
        client.menus().delete();
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/menu/delete")));
    }

    @Test
    void busyRetriesStopAtTheTotalTimeCap() {
        WeChatClient capped = builder().retryPolicy(new RetryPolicy(100, Duration.ofMillis(40),
                Duration.ofMillis(150))).build();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(errcode(-1, "busy")));
        long start = System.nanoTime();
        assertThatThrownBy(() -> capped.menus().delete()).isInstanceOf(WeChatApiException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/cgi-bin/menu/delete"))).size()).isBetween(2, 6);
    }

    @Test
    void quotaWhitelistAndAuthorizationErrorsAreNotRetriedAndSayWhatToDo() {
        for (int code : new int[] {45009, 40164, 48001}) {
            wm.resetRequests();
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(errcode(code, "nope")));
            assertThatThrownBy(() -> client.menus().delete()).isInstanceOfSatisfying(WeChatApiException.class, e -> {
                assertThat(e.errcode()).isEqualTo(code);
                assertThat(e.errmsg()).isEqualTo("nope");
                assertThat(e.getMessage()).contains("(");
            });
            wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/menu/delete")));
        }
    }

    @Test
    void errcodeAsStringAndMissingErrmsgAreRead() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(okJson("{\"errcode\":\"40013\"}")));
        assertThatThrownBy(() -> client.menus().delete()).isInstanceOfSatisfying(WeChatApiException.class, e -> {
            assertThat(e.errcode()).isEqualTo(40013);
            assertThat(e.errmsg()).isEqualTo("40013");
        });
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(okJson("{\"errcode\":\"0\",\"x\":1}")));
        client.menus().delete();
    }

    @Test
    void baseRespIsMergedBeforeTheErrcodeCheck() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/x")).willReturn(okJson(
                "{\"base_resp\":{\"errcode\":0,\"errmsg\":\"ok\"},\"data\":1}")));
        assertThat(client.get("/cgi-bin/x", Map.of()).path("data").asInt()).isEqualTo(1);
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/y")).willReturn(okJson(
                "{\"base_resp\":{\"errcode\":40013,\"errmsg\":\"bad\"}}")));
        assertThatThrownBy(() -> client.get("/cgi-bin/y", Map.of())).isInstanceOf(WeChatApiException.class);
    }

    @Test
    void httpErrorsAndNonJsonAreTypedHttpExceptions() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(aResponse().withStatus(500)
                .withBody("server error")));
        assertThatThrownBy(() -> client.menus().delete()).isInstanceOfSatisfying(WeChatHttpException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.isTimeout()).isFalse();
        });
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(aResponse().withStatus(200)
                .withBody("<html>gateway</html>")));
        assertThatThrownBy(() -> client.menus().delete()).isInstanceOf(WeChatHttpException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void tokenEndpointErrorsAreTyped() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(errcode(40125, "invalid appsecret")));
        assertThatThrownBy(() -> client.accessToken()).isInstanceOfSatisfying(WeChatApiException.class, e -> {
            assertThat(e.errcode()).isEqualTo(40125);
            assertThat(e.getMessage()).doesNotContain(SECRET);
        });
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(aResponse().withStatus(404)));
        assertThatThrownBy(() -> client.accessToken()).isInstanceOfSatisfying(WeChatHttpException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aTimeoutIsATypedException() {
        OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();
        WeChatClient c = builder().httpClient(impatient).build();
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/menu/delete")).willReturn(ok().withFixedDelay(2_000)));
        assertThatThrownBy(() -> c.menus().delete()).isInstanceOfSatisfying(WeChatHttpException.class,
                e -> assertThat(e.isTimeout()).isTrue());
    }

    @Test
    void anUnreachableServerIsATypedException() {
        WeChatClient c = builder().baseUrl("http://127.0.0.1:1").build();
        assertThatThrownBy(c::accessToken).isInstanceOf(WeChatHttpException.class);
    }

    @Test
    void stableTokenSourcePostsTheCredentials() {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).willReturn(okJson(
                "{\"access_token\":\"STABLE\",\"expires_in\":7200}")));
        WeChatClient c = builder().tokenSource(TokenSource.stableToken()).build();
        assertThat(c.accessToken()).isEqualTo("STABLE");
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token")).withRequestBody(equalTo(
                "{\"grant_type\":\"client_credential\",\"appid\":\"wx_appid\",\"secret\":\"" + SECRET
                        + "\",\"force_refresh\":false}")));
    }

    @Test
    void centralTokenServiceSourceIsUsed() {
        wm.stubFor(get(urlPathEqualTo("/central/token")).willReturn(okJson(
                "{\"access_token\":\"CENTRAL\",\"expires_in\":600}")));
        WeChatClient c = builder().tokenSource(TokenSource.url(wm.baseUrl() + "/central/token")).build();
        assertThat(c.accessToken()).isEqualTo("CENTRAL");
        wm.verify(getRequestedFor(urlPathEqualTo("/central/token")).withQueryParam("appid", equalTo(APP_ID)));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
    }

    @Test
    void jsapiTicketIsCachedThroughTheSameStore() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(okJson(fixture(
                "ticket_getticket.json"))));
        String t1 = client.jsapi().ticket();
        String t2 = client.jsapi().ticket();
        assertThat(t1).isEqualTo(t2).startsWith("bxLdikRXVbTPdHSM05e5u5sUoXNKd8");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/ticket/getticket"))
                .withQueryParam("type", equalTo("jsapi")));
        assertThat(store.get(APP_ID + ":jsapi_ticket")).isPresent();
    }

    @Test
    void jsSdkSignatureMatchesTheVector() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(okJson("{\"errcode\":0,"
                + "\"ticket\":\"sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg\","
                + "\"expires_in\":7200}")));
        JsSdkSignature s = client.jsapi().sign("http://mp.weixin.qq.com?params=value#frag", "Wm3WZYTPz0wzccnW",
                1414587457L);
        assertThat(s.signature()).isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
        assertThat(s.appId()).isEqualTo(APP_ID);
        assertThat(s.url()).isEqualTo("http://mp.weixin.qq.com?params=value");
    }
}
