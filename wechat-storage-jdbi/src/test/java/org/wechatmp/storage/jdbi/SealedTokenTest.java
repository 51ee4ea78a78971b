package org.wechatmp.storage.jdbi;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.RetryPolicy;
import org.wechatmp.core.client.StoredToken;
import org.wechatmp.core.client.WeChatClient;

/** Access tokens and JS-SDK tickets sealed at rest with the master key, on every database. */
class SealedTokenTest {
    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
    static final Instant LATER = Instant.ofEpochMilli(4_000_000_000_000L);

    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    static Map<String, String> raw(JdbiStorage s) {
        return s.jdbi().withHandle(h -> h.createQuery("SELECT token_key, token_value FROM wx_token "
                + "WHERE token_value IS NOT NULL").map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void withAMasterKeyTheAccessTokenAndTheTicketAreSealed(Databases.Db db) {
        WireMockServer wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        try (JdbiStorage wipe = Databases.fresh(db);
                JdbiStorage s = JdbiStorage.builder(db.url()).masterKey(KEY).build()) {
            String token = "ACCESS_TOKEN_" + "a".repeat(512);
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"" + token
                    + "\",\"expires_in\":7200}")));
            wm.stubFor(get(urlPathEqualTo("/cgi-bin/ticket/getticket")).willReturn(okJson("{\"errcode\":0,"
                    + "\"ticket\":\"JSAPI_TICKET_SECRET\",\"expires_in\":7200}")));
            WeChatClient client = WeChatClient.builder("wx_sealed", "s").baseUrl(wm.baseUrl())
                    .tokenStore(s.tokens()).retryPolicy(RetryPolicy.none()).build();
            assertThat(client.accessToken()).isEqualTo(token);
            assertThat(client.jsapi().ticket()).isEqualTo("JSAPI_TICKET_SECRET");

            Map<String, String> rows = raw(s);
            assertThat(rows).hasSize(2).allSatisfy((k, v) -> assertThat(v).startsWith("gcm:")
                    .doesNotContain("ACCESS_TOKEN").doesNotContain("JSAPI_TICKET"));
            // another process with the key reads them without calling WeChat again
            try (JdbiStorage other = JdbiStorage.builder(db.url()).masterKey(KEY).build()) {
                WeChatClient second = WeChatClient.builder("wx_sealed", "s").baseUrl(wm.baseUrl())
                        .tokenStore(other.tokens()).retryPolicy(RetryPolicy.none()).build();
                assertThat(second.accessToken()).isEqualTo(token);
                assertThat(second.jsapi().ticket()).isEqualTo("JSAPI_TICKET_SECRET");
            }
            wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
            wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/ticket/getticket")));
            // without the key a sealed token cannot be read, and says why
            try (JdbiStorage noKey = JdbiStorage.builder(db.url()).build()) {
                String tokenKey = rows.keySet().stream().filter(k -> k.contains("access")).findFirst().orElseThrow();
                assertThatThrownBy(() -> noKey.tokens().get(tokenKey)).isInstanceOf(WeChatException.class)
                        .hasMessageContaining("master key").hasMessageNotContaining("ACCESS_TOKEN");
            }
        } finally {
            wm.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void compareAndExpireWorksOnSealedValues(Databases.Db db) {
        String token = "token-one-that-ciphertext-cannot-contain";
        try (JdbiStorage wipe = Databases.fresh(db);
                JdbiStorage s = JdbiStorage.builder(db.url()).masterKey(KEY).build()) {
            var t = s.tokens();
            t.put("k", new StoredToken(token, LATER));
            assertThat(raw(s).get("k")).startsWith("gcm:").doesNotContain(token);
            assertThat(t.get("k")).contains(new StoredToken(token, LATER));
            assertThat(t.expireIf("k", "OLD-token-value")).isFalse();
            assertThat(t.get("k")).isPresent();
            assertThat(t.expireIf("k", token)).isTrue();
            assertThat(t.get("k")).isEmpty();
            assertThat(t.expireIf("k", token)).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void plaintextRowsStoredBeforeTheKeyStillReadAndAreSealedAtTheNextRefresh(Databases.Db db) {
        try (JdbiStorage before = Databases.fresh(db)) {
            before.tokens().put("wx_old:access_token", new StoredToken("PLAIN_OLD", LATER));
            // without a key nothing changes: stored as it is
            assertThat(raw(before).get("wx_old:access_token")).isEqualTo("PLAIN_OLD");
            try (JdbiStorage after = JdbiStorage.builder(db.url()).masterKey(KEY).build()) {
                assertThat(after.tokens().get("wx_old:access_token")).contains(new StoredToken("PLAIN_OLD", LATER));
                assertThat(after.tokens().expireIf("wx_old:access_token", "OTHER")).isFalse();
                after.tokens().put("wx_old:access_token", new StoredToken("NEW_ONE", LATER));
                assertThat(raw(after).get("wx_old:access_token")).startsWith("gcm:").doesNotContain("NEW_ONE");
                assertThat(after.tokens().get("wx_old:access_token")).contains(new StoredToken("NEW_ONE", LATER));
            }
        }
    }
}
