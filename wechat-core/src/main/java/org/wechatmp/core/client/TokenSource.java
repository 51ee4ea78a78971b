package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a client gets a new access token when the stored one is missing or about to expire.
 *
 * <p>Built in: {@link #clientCredential()} ({@code GET /cgi-bin/token}, the default), {@link #stableToken()}
 * ({@code POST /cgi-bin/stable_token}) and {@link #url(String)} (a company's central token service answering
 * {@code {"access_token": ..., "expires_in": ...}}, like wechat_django's {@code ACCESSTOKEN_URL}). Any lambda works
 * too. A source is only called by the lease holder of the token store, so it runs once per expiry.
 */
@FunctionalInterface
public interface TokenSource {

    /**
     * Fetches a new token.
     *
     * @param context the account and an HTTP helper
     * @return the token
     */
    FetchedToken fetch(Context context);

    /**
     * What a token source can use: the account's credentials and calls that carry no access token.
     */
    interface Context {
        /**
         * The account's appId.
         *
         * @return the appId
         */
        String appId();

        /**
         * The account's app secret.
         *
         * @return the secret
         */
        String secret();

        /**
         * A GET without access token; errcodes raise {@link org.wechatmp.core.WeChatApiException}.
         *
         * @param pathOrUrl a path under the client's base URL, or an absolute URL
         * @param query the query parameters, in order
         * @return the JSON response
         */
        JsonNode get(String pathOrUrl, Map<String, String> query);

        /**
         * A JSON POST without access token; errcodes raise {@link org.wechatmp.core.WeChatApiException}.
         *
         * @param pathOrUrl a path under the client's base URL, or an absolute URL
         * @param body the body, serialized to JSON
         * @return the JSON response
         */
        JsonNode post(String pathOrUrl, Object body);
    }

    /**
     * {@code GET /cgi-bin/token?grant_type=client_credential&appid=..&secret=..}: the classic endpoint. Each call
     * issues a new token (the previous one stays valid for five more minutes).
     *
     * @return the source
     */
    static TokenSource clientCredential() {
        return ctx -> {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("grant_type", "client_credential");
            q.put("appid", ctx.appId());
            q.put("secret", ctx.secret());
            return read(ctx.get("/cgi-bin/token", q));
        };
    }

    /**
     * {@code POST /cgi-bin/stable_token}: returns the current token while it is valid instead of issuing a new one.
     *
     * @return the source
     */
    static TokenSource stableToken() {
        return ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("grant_type", "client_credential");
            body.put("appid", ctx.appId());
            body.put("secret", ctx.secret());
            body.put("force_refresh", false);
            return read(ctx.post("/cgi-bin/stable_token", body));
        };
    }

    /**
     * A central token service: {@code GET url?appid=..} answering {@code {"access_token", "expires_in"}}.
     *
     * @param url the service URL
     * @return the source
     */
    static TokenSource url(String url) {
        Objects.requireNonNull(url, "url");
        return ctx -> read(ctx.get(url, Map.of("appid", ctx.appId())));
    }

    /**
     * Reads {@code access_token} and {@code expires_in} (default 7200 s) from a token response.
     *
     * @param json the response
     * @return the token
     */
    static FetchedToken read(JsonNode json) {
        String token = json.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new org.wechatmp.core.WeChatException("token response has no access_token");
        }
        return new FetchedToken(token, Duration.ofSeconds(json.path("expires_in").asLong(7200)));
    }
}
