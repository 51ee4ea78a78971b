package org.wechatmp.core.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.spi.InMemoryUserRepository;
import org.wechatmp.core.web.WebException;

/** The sign-in rules of the core, with a WireMock WeChat and a clock the test moves. */
class WebOAuthTest {
    static final String KEY = "0123456789abcdef0123456789abcdef-test-key";

    WireMockServer wm;
    MovingClock clock;
    Account account;
    WebOAuth oauth;

    @BeforeEach
    void setUp() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"access_token\":\"W\",\"expires_in\":7200,\"openid\":\"oU\",\"scope\":\"snsapi_base\"}")));
        clock = new MovingClock(Instant.parse("2026-03-01T08:00:00Z"));
        account = new Account("demo", "t", Account.Type.SERVICE, "wxapp", "secret", "token", "", EncryptMode.PLAIN,
                false, false, Map.of("api_base", wm.baseUrl()));
        oauth = flow(OAuthStateSigner.of(KEY, clock));
    }

    WebOAuth flow(OAuthStateSigner signer) {
        WeChatClient client = WeChatClient.builder(account).clock(clock).build();
        return new WebOAuth(a -> client, new InMemoryUserRepository(), signer, clock);
    }

    @AfterEach
    void tearDown() {
        wm.stop();
    }

    static String state(SignInStart start) {
        String url = start.authorizeUrl();
        String q = url.substring(url.indexOf("&state=") + 7, url.indexOf('#'));
        return URLDecoder.decode(q, StandardCharsets.UTF_8);
    }

    static int status(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (WebException e) {
            return e.status();
        }
    }

    @Test
    void aStateIsShortBoundToTheBrowserAndWorksOnEveryNodeWithTheSameKey() {
        SignInStart start = oauth.start(account, OAuthScope.BASE, "https://example.com/me", null);
        String state = state(start);
        assertThat(state).hasSizeLessThan(64).matches("[A-Za-z0-9._-]+");
        assertThat(start.binding()).matches("[A-Za-z0-9_-]{22}");
        // another node with the same key
        WebOAuth other = flow(OAuthStateSigner.of(KEY, clock));
        assertThat(other.complete(account, "C", state, start.binding(), "/me").openid()).isEqualTo("oU");
        // another browser (other binding, or none) is refused
        SignInStart again = oauth.start(account, OAuthScope.BASE, "https://example.com/me", null);
        assertThat(status(() -> oauth.complete(account, "D", state(again), start.binding(), "/"))).isEqualTo(403);
        assertThat(status(() -> oauth.complete(account, "D", state(again), null, "/"))).isEqualTo(403);
        // a node with a generated key refuses
        WebOAuth stranger = flow(OAuthStateSigner.random());
        assertThat(status(() -> stranger.complete(account, "D", state(again), again.binding(), "/")))
                .isEqualTo(403);
        // an existing binding is kept (two tabs)
        assertThat(oauth.start(account, OAuthScope.BASE, "https://example.com/", start.binding()).binding())
                .isEqualTo(start.binding());
    }

    @Test
    void aStateExpiresAfterTenMinutes() {
        SignInStart start = oauth.start(account, OAuthScope.BASE, "https://example.com/me", null);
        clock.advance(OAuthStateSigner.STATE_TTL.plusSeconds(1));
        assertThatThrownBy(() -> oauth.complete(account, "C", state(start), start.binding(), "/"))
                .isInstanceOfSatisfying(WebException.class, e -> assertThat(e.status()).isEqualTo(403));
        SignInStart fresh = oauth.start(account, OAuthScope.BASE, "https://example.com/me", null);
        clock.advance(OAuthStateSigner.STATE_TTL.minusSeconds(5));
        assertThat(oauth.complete(account, "C", state(fresh), fresh.binding(), "/").openid()).isEqualTo("oU");
    }

    @Test
    void aStateIsUsedOnceButForTheSameBrowsersDoubleRedirect() {
        SignInStart start = oauth.start(account, OAuthScope.BASE, "https://example.com/me", null);
        String s = state(start);
        oauth.complete(account, "C", s, start.binding(), "/");
        clock.advance(Duration.ofSeconds(2));
        assertThat(oauth.complete(account, "C", s, start.binding(), "/").openid()).isEqualTo("oU");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/sns/oauth2/access_token")));
        assertThat(status(() -> oauth.complete(account, "OTHER", s, start.binding(), "/"))).isEqualTo(403);
        clock.advance(WebOAuth.REUSE_WINDOW);
        assertThatThrownBy(() -> oauth.complete(account, "C", s, start.binding(), "/"))
                .isInstanceOfSatisfying(WebException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("already used");
                });
    }

    @Test
    void signInRecordsAndStatesAreSignedForTheirOwnPurpose() {
        SignInStart start = oauth.start(account, OAuthScope.BASE, "https://example.com/me", null);
        WeChatOAuthInfo info = oauth.complete(account, "C", state(start), start.binding(), "//evil.example/x");
        assertThat(info.state()).isEqualTo("/");
        String record = oauth.sessionToken(info);
        assertThat(record).startsWith("w1.").matches("[A-Za-z0-9._-]+");
        assertThat(oauth.sessionToken(info)).isNotEqualTo(record); // a fresh id every sign-in
        assertThat(oauth.fromSessionToken(record)).hasValueSatisfying(i -> {
            assertThat(i.openid()).isEqualTo("oU");
            assertThat(i.account()).isEqualTo("demo");
            assertThat(i.scope()).isEqualTo(OAuthScope.BASE);
        });
        // a record is not a state, a state is not a record
        assertThat(status(() -> oauth.complete(account, "C", record, start.binding(), "/"))).isEqualTo(400);
        assertThat(oauth.fromSessionToken(state(start))).isEmpty();
        // tampered, garbage, expired
        assertThat(oauth.fromSessionToken(record.substring(0, record.length() - 2) + "AA")).isEmpty();
        for (String garbage : new String[] {null, "", "w1.", "w1..", "w1.%%%.x", "x".repeat(5000)}) {
            assertThat(oauth.fromSessionToken(garbage)).isEmpty();
            assertThat(status(() -> oauth.complete(account, "C", garbage, start.binding(), "/"))).isEqualTo(400);
        }
        clock.advance(WebOAuth.SESSION_TTL.plusSeconds(1));
        assertThat(oauth.fromSessionToken(record)).isEmpty();
    }

    @Test
    void aDeclinedSignInAndWeChatRefusalsAre4xx() {
        SignInStart start = oauth.start(account, OAuthScope.BASE, "https://example.com/me", null);
        assertThat(status(() -> oauth.complete(account, "", state(start), start.binding(), "/"))).isEqualTo(403);
        wm.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).willReturn(okJson(
                "{\"errcode\":40029,\"errmsg\":\"invalid code\"}")));
        SignInStart next = oauth.start(account, OAuthScope.BASE, "https://example.com/me", null);
        assertThat(status(() -> oauth.complete(account, "BAD", state(next), next.binding(), "/"))).isEqualTo(403);
        wm.stop();
        SignInStart down = oauth.start(account, OAuthScope.BASE, "https://example.com/me", null);
        assertThat(status(() -> oauth.complete(account, "X", state(down), down.binding(), "/"))).isEqualTo(502);
    }

    @Test
    void aGeneratedKeyIsWarnedAboutOnceAConfiguredKeyNever() throws Exception {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("org.slf4j.simpleLogger.logFile",
                "target/test-debug.log"));
        String warning = "No OAuth key is configured";
        long before = count(log, warning);
        WebOAuth configured = flow(OAuthStateSigner.fromEnv(Map.of(OAuthStateSigner.ENV, KEY)));
        configured.start(account, OAuthScope.BASE, "https://example.com/", null);
        assertThat(count(log, warning)).isEqualTo(before);
        OAuthStateSigner generated = OAuthStateSigner.fromEnv(Map.of());
        assertThat(generated.generatedKey()).isTrue();
        WebOAuth node = flow(generated);
        for (int i = 0; i < 3; i++) {
            node.start(account, OAuthScope.BASE, "https://example.com/", null);
        }
        assertThat(count(log, warning)).isEqualTo(before + 1);
        assertThatThrownBy(() -> OAuthStateSigner.of("too short")).isInstanceOf(IllegalArgumentException.class);
    }

    static long count(java.nio.file.Path log, String text) throws java.io.IOException {
        if (!java.nio.file.Files.exists(log)) {
            return 0;
        }
        try (var lines = java.nio.file.Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
