package org.wechatmp.core.oauth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.client.OAuthToken;
import org.wechatmp.core.client.OAuthUserInfo;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.spi.WeChatUser;

/**
 * The web authorization flow, independent of any web framework: the redirect to WeChat with a signed state, and
 * the return with a code, which is exchanged (a reused code is answered from the client's cache), turned into a
 * stored user (with the profile when the scope allows) and returned as a {@link WeChatOAuthInfo}. Both adapters use
 * it. Return paths are local only, so the flow never redirects off-site.
 */
public final class WebOAuth {
    /** How long a {@link #sessionToken} is accepted. */
    public static final java.time.Duration SESSION_TTL = java.time.Duration.ofHours(12);

    private final Function<Account, WeChatClient> clients;
    private final UserRepository users;
    private final OAuthStateSigner signer;
    private final Clock clock;

    /**
     * Creates the flow.
     *
     * @param clients the client of each account
     * @param users where users are stored
     * @param signer the state signer
     * @param clock the clock
     */
    public WebOAuth(Function<Account, WeChatClient> clients, UserRepository users, OAuthStateSigner signer,
            Clock clock) {
        this.clients = Objects.requireNonNull(clients);
        this.users = Objects.requireNonNull(users);
        this.signer = Objects.requireNonNull(signer);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The WeChat authorize URL to redirect the browser to.
     *
     * @param account the account
     * @param scope the scope
     * @param redirectUri the absolute URL WeChat returns to (the protected page itself, usually)
     * @param returnTo the local path to show after authorization
     * @return the URL
     */
    public String authorizeUrl(Account account, OAuthScope scope, String redirectUri, String returnTo) {
        return clients.apply(account).oauth().authorizeUrl(redirectUri, scope,
                signer.sign(account.name(), safePath(returnTo)));
    }

    /**
     * Completes the flow when WeChat returns with {@code code} and {@code state}.
     *
     * @param account the account
     * @param code the code
     * @param state the state
     * @return who the user is
     * @throws WeChatException when the state is forged, stale or for another account, or the exchange fails
     */
    public WeChatOAuthInfo complete(Account account, String code, String state) {
        Optional<String> returnTo = signer.verify(account.name(), state);
        if (returnTo.isEmpty()) {
            throw new WeChatException("OAuth state is invalid or expired");
        }
        if (code == null || code.isEmpty()) {
            throw new WeChatException("OAuth callback without a code (the user declined)");
        }
        WeChatClient client = clients.apply(account);
        OAuthToken token = client.oauth().exchangeCode(code);
        Instant now = clock.instant();
        WeChatUser stored = users.find(account.name(), token.openid()).orElse(null);
        OAuthScope scope = token.allowsUserInfo() ? OAuthScope.USERINFO : OAuthScope.BASE;
        WeChatUser user;
        if (scope == OAuthScope.USERINFO) {
            OAuthUserInfo info = client.oauth().userInfo(token);
            WeChatUser base = stored != null ? stored : WeChatUser.of(token.openid(), now);
            user = new WeChatUser(base.openid(), info.unionid() != null ? info.unionid() : token.unionid(),
                    info.nickname(), info.headimgurl(), info.sex(), base.language(), info.city(), info.province(),
                    info.country(), base.subscribed(), base.subscribeTime(), base.subscribeScene(), base.qrScene(),
                    base.qrSceneStr(), base.remark(), base.note(), base.tagIds(), base.firstSeen(), base.syncedAt());
            users.save(account.name(), user);
        } else if (stored == null) {
            user = WeChatUser.of(token.openid(), now);
            users.save(account.name(), user);
        } else {
            user = stored;
        }
        log(account).info("user {} authorized with {}", token.openid(), scope.value());
        return new WeChatOAuthInfo(account.name(), token.openid(), user, scope, returnTo.get());
    }

    /**
     * The stored user of a session that already went through the flow.
     *
     * @param account the account
     * @param openid the openid kept in the session
     * @param scope the scope kept in the session
     * @return the info
     */
    public WeChatOAuthInfo resume(Account account, String openid, OAuthScope scope) {
        return resume(account.name(), openid, scope);
    }

    private WeChatOAuthInfo resume(String account, String openid, OAuthScope scope) {
        WeChatUser user = users.find(account, openid).orElseGet(() -> WeChatUser.of(openid, clock.instant()));
        return new WeChatOAuthInfo(account, openid, user, scope, "");
    }

    /**
     * A signed token of a signed-in user, for stateless adapters (a cookie) and for carrying the user to resource
     * methods. Valid for {@link #SESSION_TTL}.
     *
     * @param info the user
     * @return the token
     */
    public String sessionToken(WeChatOAuthInfo info) {
        return signer.sign(info.account(), info.scope().value() + "|" + info.openid());
    }

    /**
     * Reads a token made by {@link #sessionToken}.
     *
     * @param token the token
     * @return the user, when the token is authentic and fresh
     */
    public Optional<WeChatOAuthInfo> fromSessionToken(String token) {
        Optional<String> account = OAuthStateSigner.accountOf(token);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        return signer.verify(account.get(), token, SESSION_TTL).flatMap(v -> {
            int bar = v.indexOf('|');
            if (bar <= 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(resume(account.get(), v.substring(bar + 1), OAuthScope.parse(v.substring(0, bar))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Reduces a return target to a local path: anything absolute, scheme-relative or odd becomes {@code /}.
     *
     * @param returnTo the requested path
     * @return a safe local path
     */
    public static String safePath(String returnTo) {
        if (returnTo == null || returnTo.isEmpty() || !returnTo.startsWith("/") || returnTo.startsWith("//")
                || returnTo.contains("\\") || returnTo.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return returnTo;
    }

    private static Logger log(Account account) {
        return LoggerFactory.getLogger("wechat.oauth." + account.name());
    }
}
