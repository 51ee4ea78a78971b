package org.wechatmp.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.oauth.OAuthStateSigner;
import org.wechatmp.core.oauth.SignInStart;
import org.wechatmp.core.oauth.WeChatOAuthInfo;
import org.wechatmp.core.oauth.WebOAuth;
import org.wechatmp.core.web.ClientAddress;
import org.wechatmp.core.web.SetCookie;
import org.wechatmp.core.web.WebAnswer;
import org.wechatmp.core.web.WebErrors;
import org.wechatmp.core.web.WebException;
import org.wechatmp.core.web.WebSettings;

/**
 * The sign-in flow of {@link WebOAuth} for one {@link WeChatAuth} method: a signed cookie carries the sign-in record
 * (re-issued with a new id at every sign-in); without it the request is redirected to WeChat with a state bound to
 * the browser; the return is verified, exchanged and answered with the cookie and a redirect to the clean local URL.
 * The user reaches the method as the header {@link WeChatFeature#OAUTH_HEADER} (which {@link WeChatFeature}'s
 * converter turns into {@link WeChatOAuthInfo}) and the request property {@link WeChatOAuthInfo#ATTRIBUTE}; the client
 * address is the property {@link ClientAddress#ATTRIBUTE}. Refusals are short 4xx answers, failures 500/502 with an
 * error id.
 */
final class WeChatAuthFilter implements ContainerRequestFilter {
    private final WeChatRuntime runtime;
    private final WebSettings web;
    private final String accountName;
    private final OAuthScope scope;
    private final boolean required;

    WeChatAuthFilter(WeChatRuntime runtime, WebSettings web, WeChatAuth auth) {
        this.runtime = runtime;
        this.web = web;
        this.accountName = auth.account().isEmpty() ? onlyAccount(runtime) : auth.account();
        this.scope = OAuthScope.parse(auth.scope());
        this.required = auth.required();
    }

    private static String onlyAccount(WeChatRuntime runtime) {
        var all = runtime.accounts().all();
        if (all.size() != 1) {
            throw new IllegalStateException("@WeChatAuth without an account needs a runtime with exactly one account");
        }
        return all.get(0).name();
    }

    static String cookieName(String account) {
        return "wechat_oauth_" + account;
    }

    @Override
    public void filter(ContainerRequestContext req) {
        req.getHeaders().remove(WeChatFeature.OAUTH_HEADER); // only this filter may set it
        try {
            decide(req);
        } catch (WebException e) {
            req.abortWith(answer(WebErrors.refusal(e.status(), e.getMessage(), "oauth " + accountName,
                    e.getCause() == null ? "refused" : e.getCause().getMessage())));
        } catch (RuntimeException e) {
            req.abortWith(answer(WebErrors.failure(500, "sign-in failed", "oauth " + accountName, e)));
        }
    }

    private void decide(ContainerRequestContext req) {
        Object remote = req.getProperty(RemoteAddressFilter.PROPERTY);
        String remoteAddr = remote instanceof String s ? s : "";
        req.setProperty(ClientAddress.ATTRIBUTE, web.clientAddress(remoteAddr, req.getHeaderString(
                "X-Forwarded-For")));
        Optional<Account> found = runtime.account(accountName);
        if (found.isEmpty()) {
            throw new IllegalStateException("OAuth is configured for an unknown account " + accountName);
        }
        Account account = found.get();
        WebOAuth oauth = runtime.oauth();
        Cookie cookie = req.getCookies().get(cookieName(accountName));
        if (cookie != null) {
            Optional<WeChatOAuthInfo> info = oauth.fromSessionToken(cookie.getValue())
                    .filter(i -> i.account().equals(accountName))
                    .filter(i -> i.scope() == OAuthScope.USERINFO || scope == OAuthScope.BASE);
            if (info.isPresent()) {
                req.getHeaders().putSingle(WeChatFeature.OAUTH_HEADER, cookie.getValue());
                req.setProperty(WeChatOAuthInfo.ATTRIBUTE, info.get());
                return;
            }
        }
        URI uri = req.getUriInfo().getRequestUri();
        String scheme = uri.getScheme();
        String forwardedProto = req.getHeaderString("X-Forwarded-Proto");
        boolean secure = web.secure(scheme, remoteAddr, forwardedProto);
        String returnTo = WebOAuth.withoutOAuthParams(uri.getRawPath() + (uri.getRawQuery() == null ? ""
                : "?" + uri.getRawQuery()));
        Map<String, String> q = WeChatCallbackResource.query(req.getUriInfo());
        Cookie bindingCookie = req.getCookies().get(WebOAuth.BINDING_COOKIE);
        String binding = bindingCookie == null ? null : bindingCookie.getValue();
        if (q.containsKey("code") && q.containsKey("state")) {
            WeChatOAuthInfo info = oauth.complete(account, q.get("code"), q.get("state"), binding, returnTo);
            req.abortWith(Response.status(302).header("Location", info.state()).header("Cache-Control", "no-store")
                    .header("Set-Cookie", SetCookie.header(cookieName(accountName), oauth.sessionToken(info), "/",
                            WebOAuth.SESSION_TTL.getSeconds(), secure))
                    .header("Set-Cookie", SetCookie.header(WebOAuth.BINDING_COOKIE, "", "/", 0, secure)).build());
            return;
        }
        if (!required) {
            return;
        }
        String origin = web.origin(scheme, req.getHeaderString("Host"), remoteAddr, forwardedProto);
        SignInStart start = oauth.start(account, scope, origin + returnTo, binding);
        req.abortWith(Response.status(302).header("Location", start.authorizeUrl()).header("Cache-Control",
                "no-store").header("Set-Cookie", SetCookie.header(WebOAuth.BINDING_COOKIE, start.binding(), "/",
                        OAuthStateSigner.STATE_TTL.getSeconds(), secure)).build());
    }

    static Response answer(WebAnswer a) {
        return Response.status(a.status()).type(a.contentType()).header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").entity(a.body()).build();
    }
}
