package org.wechatmp.servlet;

import java.util.Objects;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.web.WebSettings;

/**
 * How the OAuth filter protects a group of URLs: the equivalent of wechat_django's
 * {@code @wechat_auth(appname, scope, redirect_uri, required, response)}.
 *
 * <p>The {@code redirect_uri} sent to WeChat is built from the site URL of {@link #web()}; without one, from the
 * request's {@code Host} header only when that host is in the allowed hosts, and otherwise sign-in is refused with
 * 400 (a forged {@code Host} must not choose where WeChat sends the code).
 *
 * @param account the account name
 * @param scope {@code snsapi_base} or {@code snsapi_userinfo}
 * @param required whether a user is needed (otherwise the request goes on without one)
 * @param web the site URL, allowed hosts and trusted proxies
 * @param unauthenticated what to do without a user instead of redirecting; {@code null} redirects
 */
public record OAuthConfig(String account, OAuthScope scope, boolean required, WebSettings web,
        UnauthenticatedHandler unauthenticated) {
    /**
     * Validates.
     *
     * @param account the account name
     * @param scope {@code snsapi_base} or {@code snsapi_userinfo}
     * @param required whether a user is needed (otherwise the request goes on without one)
     * @param web the site URL, allowed hosts and trusted proxies
     * @param unauthenticated what to do without a user instead of redirecting; {@code null} redirects
     */
    public OAuthConfig {
        Objects.requireNonNull(account, "account");
        scope = scope == null ? OAuthScope.BASE : scope;
        web = web == null ? WebSettings.defaults() : web;
    }

    /**
     * A required authorization with a scope, redirecting to WeChat; set the site with {@link #siteUrl(String)} or
     * {@link #web(WebSettings)}.
     *
     * @param account the account
     * @param scope the scope
     * @return the config
     */
    public static OAuthConfig of(String account, OAuthScope scope) {
        return new OAuthConfig(account, scope, true, WebSettings.defaults(), null);
    }

    /**
     * The same with a handler for the unauthenticated case (also called when sign-in is refused with 403).
     *
     * @param handler the handler
     * @return a new config
     */
    public OAuthConfig onUnauthenticated(UnauthenticatedHandler handler) {
        return new OAuthConfig(account, scope, required, web, handler);
    }

    /**
     * The same with a fixed site URL, e.g. {@code https://example.com}.
     *
     * @param url the site URL (an origin, no path)
     * @return a new config
     */
    public OAuthConfig siteUrl(String url) {
        return new OAuthConfig(account, scope, required, web.withSiteUrl(url), unauthenticated);
    }

    /**
     * The same with other site settings.
     *
     * @param settings the settings
     * @return a new config
     */
    public OAuthConfig web(WebSettings settings) {
        return new OAuthConfig(account, scope, required, settings, unauthenticated);
    }

    /**
     * The same, optional: requests without a user go on.
     *
     * @return a new config
     */
    public OAuthConfig optional() {
        return new OAuthConfig(account, scope, false, web, unauthenticated);
    }
}
