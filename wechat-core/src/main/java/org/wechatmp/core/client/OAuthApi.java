package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.wechatmp.core.WeChatException;

/**
 * Web authorization (OAuth 2.0 for pages opened in WeChat): the authorize URL, code exchange, refresh, the user's
 * profile and the token check.
 *
 * <p>A browser that follows the redirect twice (a known WeChat behaviour) gets one exchange, shared by code and
 * browser binding ({@link #exchangeCode(String, String)}), instead of errcode 40163 "code been used"; a code is
 * never shared across browsers.
 */
public final class OAuthApi {
    /** The host of the browser authorize page. */
    public static final String DEFAULT_AUTHORIZE_BASE = "https://open.weixin.qq.com";

    /** How long a finished exchange is shared with the same browser's later redirects. */
    static final int SHARE_SECONDS = 5;
    private static final int SHARE_SWEEP = 1_000;

    private record Exchange(CompletableFuture<OAuthToken> token, AtomicReference<Instant> doneAt) {
    }

    private final ApiExecutor x;
    private final String appId;
    private final String secret;
    private final String authorizeBase;
    private final Clock clock;
    private final ConcurrentHashMap<String, Exchange> shared = new ConcurrentHashMap<>();

    OAuthApi(ApiExecutor x, String appId, String secret, String authorizeBase, Clock clock) {
        this.x = x;
        this.appId = appId;
        this.secret = secret;
        this.authorizeBase = authorizeBase;
        this.clock = clock;
    }

    /**
     * The URL to send the browser to.
     *
     * @param redirectUri where WeChat returns with {@code code} and {@code state}; encoded here
     * @param scope the scope
     * @param state an opaque value returned unchanged (sign it against CSRF), or {@code null}
     * @return the URL
     */
    public String authorizeUrl(String redirectUri, OAuthScope scope, String state) {
        return url("/connect/oauth2/authorize", redirectUri, scope.value(), state);
    }

    /**
     * The URL of the QR login page for websites (open platform, scope {@code snsapi_login}).
     *
     * @param redirectUri where WeChat returns
     * @param state an opaque value, or {@code null}
     * @return the URL
     */
    public String qrConnectUrl(String redirectUri, String state) {
        return url("/connect/qrconnect", redirectUri, "snsapi_login", state);
    }

    private String url(String path, String redirectUri, String scope, String state) {
        StringBuilder b = new StringBuilder(authorizeBase).append(path).append("?appid=").append(appId)
                .append("&redirect_uri=").append(encode(redirectUri)).append("&response_type=code&scope=")
                .append(scope);
        if (state != null && !state.isEmpty()) {
            b.append("&state=").append(state);
        }
        return b.append("#wechat_redirect").toString();
    }

    private static String encode(String s) {
        // percent-encode everything but unreserved characters, as Python's quote(safe="")
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /**
     * Exchanges an authorization code for the user's web token, every call a call to WeChat (a used code is refused
     * by WeChat with 40163). Web sign-in uses {@link #exchangeCode(String, String)}.
     *
     * @param code the {@code code} parameter of the redirect
     * @return the token
     */
    public OAuthToken exchangeCode(String code) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appid", appId);
        q.put("secret", secret);
        q.put("code", code);
        q.put("grant_type", "authorization_code");
        return read(x.json(ApiExecutor.get("/sns/oauth2/access_token", q).noToken()));
    }

    /**
     * Exchanges a code for one browser: concurrent calls with the same code and the same browser binding (a browser
     * following WeChat's redirect twice) share one call to WeChat, and its result is kept only
     * five seconds. The same code with another binding is never answered from here: it goes to
     * WeChat, which refuses a used code, so a code taken from one browser cannot sign in another.
     *
     * @param code the {@code code} parameter of the redirect
     * @param binding what identifies the browser (the sign-in binding cookie)
     * @return the token
     */
    public OAuthToken exchangeCode(String code, String binding) {
        Instant now = clock.instant();
        if (shared.size() > SHARE_SWEEP) {
            shared.values().removeIf(e -> e.token().isDone() && expired(e, now));
        }
        String key = shareKey(code, binding);
        Exchange mine = new Exchange(new CompletableFuture<>(), new AtomicReference<>());
        Exchange held = shared.compute(key, (k, e) -> e == null || e.token().isCompletedExceptionally()
                || e.token().isDone() && expired(e, now) ? mine : e);
        if (held == mine) {
            try {
                mine.token().complete(exchangeCode(code));
                mine.doneAt().set(clock.instant());
            } catch (RuntimeException e) {
                shared.remove(key, mine);
                mine.token().completeExceptionally(e);
                throw e;
            }
        }
        try {
            return held.token().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WeChatException w) {
                throw w;
            }
            throw e;
        }
    }

    private static boolean expired(Exchange e, Instant now) {
        Instant done = e.doneAt().get();
        return done != null && now.isAfter(done.plusSeconds(SHARE_SECONDS));
    }

    private static String shareKey(String code, String binding) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(code.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(String.valueOf(binding).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Refreshes a user's web token.
     *
     * @param refreshToken the refresh token
     * @return the new token
     */
    public OAuthToken refresh(String refreshToken) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appid", appId);
        q.put("grant_type", "refresh_token");
        q.put("refresh_token", refreshToken);
        return read(x.json(ApiExecutor.get("/sns/oauth2/refresh_token", q).noToken()));
    }

    /**
     * The user's profile; needs a token of scope {@code snsapi_userinfo}.
     *
     * @param token the user's web token
     * @return the profile
     */
    public OAuthUserInfo userInfo(OAuthToken token) {
        return userInfo(token.accessToken(), token.openid(), "zh_CN");
    }

    /**
     * The user's profile.
     *
     * @param accessToken the user's web token
     * @param openid the user
     * @param lang {@code zh_CN}, {@code zh_TW} or {@code en}
     * @return the profile
     */
    public OAuthUserInfo userInfo(String accessToken, String openid, String lang) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("access_token", accessToken);
        q.put("openid", openid);
        q.put("lang", lang);
        return x.convert(x.json(ApiExecutor.get("/sns/userinfo", q).noToken()), OAuthUserInfo.class);
    }

    /**
     * Whether a user's web token is still valid.
     *
     * @param accessToken the token
     * @param openid the user
     * @return {@code true} when WeChat accepts it
     */
    public boolean check(String accessToken, String openid) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("access_token", accessToken);
        q.put("openid", openid);
        JsonNode json = x.json(ApiExecutor.get("/sns/auth", q).noToken().accept(40001, 40003, 42001));
        return json.path("errcode").asInt(0) == 0;
    }

    private OAuthToken read(JsonNode json) {
        return x.convert(json, OAuthToken.class);
    }
}
