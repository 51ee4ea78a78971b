package org.wechatmp.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.oauth.WeChatOAuthInfo;

/**
 * Web authorization for the URLs it is mapped to. A request without a user in its session is redirected to WeChat
 * with a signed state; the return with {@code code} and {@code state} is verified, exchanged (a reused code is
 * fine), stored, and redirected to the clean local URL. Then every request carries a {@link WeChatOAuthInfo} in the
 * request attribute {@link WeChatOAuthInfo#ATTRIBUTE}. The filter only ever redirects to WeChat or to a local path.
 */
public final class WeChatOAuthFilter implements Filter {
    private final WeChatRuntime runtime;
    private final OAuthConfig config;

    /**
     * Creates the filter.
     *
     * @param runtime the runtime
     * @param config what to protect and how
     */
    public WeChatOAuthFilter(WeChatRuntime runtime, OAuthConfig config) {
        this.runtime = Objects.requireNonNull(runtime);
        this.config = Objects.requireNonNull(config);
    }

    private String sessionKey() {
        return "wechat.oauth." + config.account();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        Optional<Account> found = runtime.account(config.account());
        if (found.isEmpty()) {
            Http.text(resp, 500, "OAuth is configured for an unknown account");
            return;
        }
        Account account = found.get();
        HttpSession session = req.getSession(false);
        Object held = session == null ? null : session.getAttribute(sessionKey());
        if (held instanceof String value) {
            int bar = value.indexOf('|');
            OAuthScope scope = OAuthScope.parse(value.substring(0, bar));
            if (scope == OAuthScope.USERINFO || config.scope() == OAuthScope.BASE) {
                req.setAttribute(WeChatOAuthInfo.ATTRIBUTE, runtime.oauth().resume(account, value.substring(bar + 1),
                        scope));
                chain.doFilter(req, resp);
                return;
            }
        }
        Map<String, String> query = Http.query(req);
        String state = query.get("state");
        if (state != null && query.containsKey("code")) {
            try {
                WeChatOAuthInfo info = runtime.oauth().complete(account, query.get("code"), state);
                req.getSession(true).setAttribute(sessionKey(), info.scope().value() + "|" + info.openid());
                resp.sendRedirect(info.state());
            } catch (WeChatException e) {
                LoggerFactory.getLogger("wechat.oauth." + account.name()).warn("authorization failed: {}",
                        e.getMessage());
                if (config.unauthenticated() != null) {
                    config.unauthenticated().handle(req, resp, authorizeUrl(account, req));
                } else {
                    Http.text(resp, 403, "authorization failed");
                }
            }
            return;
        }
        if (!config.required()) {
            chain.doFilter(req, resp);
            return;
        }
        String url = authorizeUrl(account, req);
        if (config.unauthenticated() != null) {
            config.unauthenticated().handle(req, resp, url);
        } else {
            resp.sendRedirect(url);
        }
    }

    private String authorizeUrl(Account account, HttpServletRequest req) {
        String site = config.siteUrl() != null ? config.siteUrl() : Http.baseUrl(req);
        String returnTo = stripOAuthParams(Http.pathAndQuery(req));
        return runtime.oauth().authorizeUrl(account, config.scope(), site + returnTo, returnTo);
    }

    private static String stripOAuthParams(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return pathAndQuery;
        }
        StringBuilder b = new StringBuilder(pathAndQuery.substring(0, q));
        char sep = '?';
        for (String pair : pathAndQuery.substring(q + 1).split("&")) {
            if (pair.isEmpty() || pair.startsWith("code=") || pair.startsWith("state=")) {
                continue;
            }
            b.append(sep).append(pair);
            sep = '&';
        }
        return b.toString();
    }
}
