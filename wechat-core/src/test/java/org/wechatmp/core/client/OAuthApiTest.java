package org.wechatmp.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Vectors;
import org.wechatmp.core.WeChatApiException;

class OAuthApiTest extends WireMockClientTest {

    @Test
    void authorizeUrlsMatchTheVectors() {
        for (JsonNode c : Vectors.load("oauth.json").path("url_cases")) {
            JsonNode k = c.path("constructor");
            WeChatClient cl = WeChatClient.builder(k.path("app_id").asText(), k.path("secret").asText()).build();
            String state = k.path("state").asText("");
            String url = "qrconnect_url".equals(c.path("property").asText())
                    ? cl.oauth().qrConnectUrl(k.path("redirect_uri").asText(), state)
                    : cl.oauth().authorizeUrl(k.path("redirect_uri").asText(),
                            OAuthScope.parse(k.path("scope").asText("snsapi_base")), state);
            assertThat(url).as(c.path("id").asText()).isEqualTo(c.path("expected_url").asText());
        }
    }

    @Test
    void codeExchangeRefreshUserInfoAndCheck() {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"WEB_AT\",\"expires_in\":7200,\"refresh_token\":\"RT\",\"openid\":\"OPENID\","
                        + "\"scope\":\"snsapi_userinfo\"}")));
        OAuthToken t = client.oauth().exchangeCode("CODE");
        assertThat(t.openid()).isEqualTo("OPENID");
        assertThat(t.allowsUserInfo()).isTrue();
        assertThat(t.toString()).doesNotContain("WEB_AT").doesNotContain("RT");
        wm.verify(getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")).withQueryParam("appid", equalTo(APP_ID))
                .withQueryParam("secret", equalTo(SECRET)).withQueryParam("code", equalTo("CODE"))
                .withQueryParam("grant_type", equalTo("authorization_code"))
                .withoutQueryParam("access_token"));

        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/refresh_token")).willReturn(okJson(
                fixture("sns_oauth2_refresh_token.json"))));
        assertThat(client.oauth().refresh("RT").openid()).isNotEmpty();
        wm.verify(getRequestedFor(urlPathEqualTo("/sns/oauth2/refresh_token"))
                .withQueryParam("grant_type", equalTo("refresh_token")).withQueryParam("refresh_token", equalTo("RT")));

        wm.stubFor(get(urlPathEqualTo("/sns/userinfo")).willReturn(okJson(fixture("sns_userinfo.json"))));
        OAuthUserInfo u = client.oauth().userInfo(t);
        assertThat(u.nickname()).isEqualTo("NICKNAME");
        assertThat(u.sex()).isEqualTo(1);
        assertThat(u.privilege()).containsExactly("PRIVILEGE1", "PRIVILEGE2");
        wm.verify(getRequestedFor(urlPathEqualTo("/sns/userinfo")).withQueryParam("access_token", equalTo("WEB_AT"))
                .withQueryParam("openid", equalTo("OPENID")).withQueryParam("lang", equalTo("zh_CN")));

        wm.stubFor(get(urlPathEqualTo("/sns/auth")).willReturn(okJson(fixture("sns_auth.json"))));
        assertThat(client.oauth().check("WEB_AT", "OPENID")).isTrue();
        wm.stubFor(get(urlPathEqualTo("/sns/auth")).willReturn(errcode(40003, "invalid openid")));
        assertThat(client.oauth().check("WEB_AT", "x")).isFalse();
        // the account token is never fetched for OAuth calls
        wm.verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
    }

    @Test
    void aDoubleRedirectWithTheSameCodeCallsWeChatOnce() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"A\",\"expires_in\":7200,\"refresh_token\":\"R\",\"openid\":\"O\","
                        + "\"scope\":\"snsapi_base\"}").withFixedDelay(150)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<OAuthToken>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> client.oauth().exchangeCode("SAME", "browser-1")));
            }
            for (Future<OAuthToken> f : results) {
                assertThat(f.get().openid()).isEqualTo("O");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(client.oauth().exchangeCode("SAME", "browser-1").openid()).isEqualTo("O");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }

    @Test
    void aCodeIsSharedOnlyWithTheSameBrowserAndOnlyForAFewSeconds() {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"A\",\"expires_in\":7200,\"openid\":\"O\",\"scope\":\"snsapi_base\"}")));
        assertThat(client.oauth().exchangeCode("C", "browser-1").openid()).isEqualTo("O");
        // the same code from another browser goes to WeChat (which refuses a used code)
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(errcode(40163, "code been used")));
        assertThatThrownBy(() -> client.oauth().exchangeCode("C", "browser-2"))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(40163));
        assertThatThrownBy(() -> client.oauth().exchangeCode("C")).isInstanceOf(WeChatApiException.class);
        // the same browser within the window shares; after it, not
        clock.advance(java.time.Duration.ofSeconds(OAuthApi.SHARE_SECONDS));
        assertThat(client.oauth().exchangeCode("C", "browser-1").openid()).isEqualTo("O");
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThatThrownBy(() -> client.oauth().exchangeCode("C", "browser-1")).isInstanceOf(WeChatApiException.class);
        wm.verify(4, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }

    @Test
    void aFailedExchangeIsNotCached() {
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(errcode(40029, "invalid code")));
        assertThatThrownBy(() -> client.oauth().exchangeCode("BAD", "b")).isInstanceOfSatisfying(
                WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(40029));
        assertThatThrownBy(() -> client.oauth().exchangeCode("BAD", "b")).isInstanceOf(WeChatApiException.class);
        wm.verify(2, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
    }
}
