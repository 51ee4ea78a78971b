package org.wechatmp.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.WeChatRuntime;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.oauth.WeChatOAuthInfo;

/**
 * The OAuth flow for one {@link WeChatAuth} method: a signed cookie carries the user; without it the request is
 * redirected to WeChat; the return is verified, exchanged and answered with the cookie and a redirect to the clean
 * local URL. The user reaches the method as the header {@link WeChatFeature#OAUTH_HEADER} (a signed token that
 * {@link WeChatFeature}'s converter turns into {@link WeChatOAuthInfo}) and the request property of the same name.
 */
final class WeChatAuthFilter implements ContainerRequestFilter {
    private final WeChatRuntime runtime;
    private final String accountName;
    private final OAuthScope scope;
    private final boolean required;

    WeChatAuthFilter(WeChatRuntime runtime, WeChatAuth auth) {
        this.runtime = runtime;
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

    private String cookieName() {
        return "wechat_oauth_" + accountName;
    }

    @Override
    public void filter(ContainerRequestContext req) {
        req.getHeaders().remove(WeChatFeature.OAUTH_HEADER); // only this filter may set it
        Optional<Account> found = runtime.account(accountName);
        if (found.isEmpty()) {
            req.abortWith(text(500, "OAuth is configured for an unknown account"));
            return;
        }
        Account account = found.get();
        Cookie cookie = req.getCookies().get(cookieName());
        if (cookie != null) {
            Optional<WeChatOAuthInfo> info = runtime.oauth().fromSessionToken(cookie.getValue())
                    .filter(i -> i.account().equals(accountName))
                    .filter(i -> i.scope() == OAuthScope.USERINFO || scope == OAuthScope.BASE);
            if (info.isPresent()) {
                req.getHeaders().putSingle(WeChatFeature.OAUTH_HEADER, cookie.getValue());
                req.setProperty(WeChatOAuthInfo.ATTRIBUTE, info.get());
                return;
            }
        }
        Map<String, String> q = WeChatCallbackResource.query(req.getUriInfo());
        if (q.containsKey("code") && q.containsKey("state")) {
            try {
                WeChatOAuthInfo info = runtime.oauth().complete(account, q.get("code"), q.get("state"));
                NewCookie signedIn = new NewCookie.Builder(cookieName()).value(runtime.oauth().sessionToken(info))
                        .path("/").httpOnly(true).maxAge((int) org.wechatmp.core.oauth.WebOAuth.SESSION_TTL
                                .getSeconds()).build();
                req.abortWith(Response.status(302).location(URI.create(info.state())).cookie(signedIn).build());
            } catch (WeChatException e) {
                LoggerFactory.getLogger("wechat.oauth." + accountName).warn("authorization failed: {}",
                        e.getMessage());
                req.abortWith(text(403, "authorization failed"));
            }
            return;
        }
        if (!required) {
            return;
        }
        URI request = UriBuilder.fromUri(req.getUriInfo().getRequestUri()).replaceQueryParam("code")
                .replaceQueryParam("state").build();
        String returnTo = request.getRawPath() + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery());
        req.abortWith(Response.status(302).location(URI.create(runtime.oauth().authorizeUrl(account, scope,
                request.toString(), returnTo))).build());
    }

    private static Response text(int status, String body) {
        return Response.status(status).type("text/plain;charset=UTF-8").entity(body).build();
    }
}
