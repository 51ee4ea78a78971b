package org.wechatmp.servlet;

import java.util.Objects;
import org.wechatmp.core.client.OAuthScope;

/**
 * How the OAuth filter protects a group of URLs: the equivalent of wechat_django's
 * {@code @wechat_auth(appname, scope, redirect_uri, required, response)}.
 *
 * @param account the account name
 * @param scope {@code snsapi_base} or {@code snsapi_userinfo}
 * @param required whether a user is needed (otherwise the request goes on without one)
 * @param siteUrl the absolute site URL WeChat returns to (e.g. {@code https://example.com}); {@code null} takes it
 *     from the request
 * @param unauthenticated what to do without a user instead of redirecting; {@code null} redirects
 */
public record OAuthConfig(String account, OAuthScope scope, boolean required, String siteUrl,
        UnauthenticatedHandler unauthenticated) {
    /**
     * Validates.
     */
    public OAuthConfig {
        Objects.requireNonNull(account, "account");
        scope = scope == null ? OAuthScope.BASE : scope;
        if (siteUrl != null && siteUrl.endsWith("/")) {
            siteUrl = siteUrl.substring(0, siteUrl.length() - 1);
        }
    }

    /**
     * A required authorization with a scope, redirecting to WeChat.
     *
     * @param account the account
     * @param scope the scope
     * @return the config
     */
    public static OAuthConfig of(String account, OAuthScope scope) {
        return new OAuthConfig(account, scope, true, null, null);
    }

    /**
     * The same with a handler for the unauthenticated case.
     *
     * @param handler the handler
     * @return a new config
     */
    public OAuthConfig onUnauthenticated(UnauthenticatedHandler handler) {
        return new OAuthConfig(account, scope, required, siteUrl, handler);
    }

    /**
     * The same with a fixed site URL.
     *
     * @param url the site URL
     * @return a new config
     */
    public OAuthConfig siteUrl(String url) {
        return new OAuthConfig(account, scope, required, url, unauthenticated);
    }

    /**
     * The same, optional: requests without a user go on.
     *
     * @return a new config
     */
    public OAuthConfig optional() {
        return new OAuthConfig(account, scope, false, siteUrl, unauthenticated);
    }
}
