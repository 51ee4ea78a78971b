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
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.oauth.OAuthStateSigner;
import org.wechatmp.core.oauth.SignInStart;
import org.wechatmp.core.oauth.WeChatOAuthInfo;
import org.wechatmp.core.oauth.WebOAuth;
import org.wechatmp.core.web.ClientAddress;
import org.wechatmp.core.web.WebAnswer;
import org.wechatmp.core.web.WebErrors;
import org.wechatmp.core.web.WebException;

/**
 * Web authorization for the URLs it is mapped to, following the core rules of {@link WebOAuth}: a request without a
 * user is redirected to WeChat with a state bound to the browser (cookie {@link WebOAuth#BINDING_COOKIE}); the
 * return with {@code code} and {@code state} is verified, exchanged, stored, the session id is changed, the signed
 * sign-in record is kept in the session, and the browser is redirected to the clean local URL. Then every request
 * carries a {@link WeChatOAuthInfo} in the request attribute {@link WeChatOAuthInfo#ATTRIBUTE} and the client address
 * in {@link ClientAddress#ATTRIBUTE}.
 *
 * <p>Session ids in URLs ({@code ;jsessionid=}) are refused with 400. Refusals are short 4xx answers, failures a
 * short 500/502 with an error id; the filter only ever redirects to WeChat or to a local path.
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

    /**
     * The session attribute holding an account's signed sign-in record.
     *
     * @param account the account name
     * @return the attribute name
     */
    static String sessionKey(String account) {
        return "wechat.oauth." + account;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        boolean pass;
        try {
            pass = decide(req, resp);
        } catch (WebException e) {
            WebAnswer a = Web.refusal(e, "oauth " + config.account());
            if (e.status() == 403 && config.unauthenticated() != null) {
                config.unauthenticated().handle(req, resp, restartUrl(req, resp));
            } else {
                Web.write(resp, a);
            }
            return;
        } catch (RuntimeException e) {
            Web.write(resp, WebErrors.failure(500, "sign-in failed", "oauth " + config.account(), e));
            return;
        }
        if (pass) {
            chain.doFilter(req, resp);
        }
    }

    /** A fresh authorize URL for the unauthenticated handler after a refusal, or empty when none can be made. */
    private String restartUrl(HttpServletRequest req, HttpServletResponse resp) {
        try {
            Account account = runtime.account(config.account()).orElseThrow();
            return start(req, resp, account, WebOAuth.withoutOAuthParams(Http.pathAndQuery(req))).authorizeUrl();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private SignInStart start(HttpServletRequest req, HttpServletResponse resp, Account account, String returnTo) {
        String origin = config.web().origin(req.getScheme(), req.getHeader("Host"), req.getRemoteAddr(),
                req.getHeader("X-Forwarded-Proto"));
        SignInStart start = runtime.oauth().start(account, config.scope(), origin + returnTo, Web.cookie(req,
                WebOAuth.BINDING_COOKIE));
        Web.setCookie(req, resp, WebOAuth.BINDING_COOKIE, start.binding(), OAuthStateSigner.STATE_TTL.getSeconds(),
                config.web().secure(req.getScheme(), req.getRemoteAddr(), req.getHeader("X-Forwarded-Proto")));
        return start;
    }

    /** Does the filter's work; {@code true} when the request goes on to the application. */
    private boolean decide(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.isRequestedSessionIdFromURL()) {
            throw new WebException(400, "session ids in URLs are not accepted");
        }
        req.setAttribute(ClientAddress.ATTRIBUTE, config.web().clientAddress(req.getRemoteAddr(),
                req.getHeader("X-Forwarded-For")));
        Optional<Account> found = runtime.account(config.account());
        if (found.isEmpty()) {
            throw new IllegalStateException("OAuth is configured for an unknown account " + config.account());
        }
        Account account = found.get();
        WebOAuth oauth = runtime.oauth();
        HttpSession session = req.getSession(false);
        Object held = session == null ? null : session.getAttribute(sessionKey(account.name()));
        if (held instanceof String token) {
            Optional<WeChatOAuthInfo> info = oauth.fromSessionToken(token)
                    .filter(i -> i.account().equals(account.name()))
                    .filter(i -> i.scope() == OAuthScope.USERINFO || config.scope() == OAuthScope.BASE);
            if (info.isPresent()) {
                req.setAttribute(WeChatOAuthInfo.ATTRIBUTE, info.get());
                return true;
            }
        }
        boolean secure = config.web().secure(req.getScheme(), req.getRemoteAddr(), req.getHeader(
                "X-Forwarded-Proto"));
        Map<String, String> query = Http.query(req);
        String returnTo = WebOAuth.withoutOAuthParams(Http.pathAndQuery(req));
        if (query.containsKey("state") && query.containsKey("code")) {
            String binding = Web.cookie(req, WebOAuth.BINDING_COOKIE);
            WeChatOAuthInfo info = oauth.complete(account, query.get("code"), query.get("state"), binding, returnTo);
            HttpSession s = req.getSession(true);
            if (!s.isNew()) {
                req.changeSessionId(); // a session that existed before sign-in may be known to someone else
            }
            s.setAttribute(sessionKey(account.name()), oauth.sessionToken(info));
            Web.setCookie(req, resp, WebOAuth.BINDING_COOKIE, "", 0, secure);
            resp.setStatus(302);
            resp.setHeader("Location", info.state());
            resp.setHeader("Cache-Control", "no-store");
            return false;
        }
        if (!config.required()) {
            return true;
        }
        SignInStart start = start(req, resp, account, returnTo);
        if (config.unauthenticated() != null) {
            config.unauthenticated().handle(req, resp, start.authorizeUrl());
        } else {
            resp.setStatus(302);
            resp.setHeader("Location", start.authorizeUrl());
            resp.setHeader("Cache-Control", "no-store");
        }
        return false;
    }
}
