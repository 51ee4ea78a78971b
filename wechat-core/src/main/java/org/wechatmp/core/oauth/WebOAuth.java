package org.wechatmp.core.oauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.OAuthScope;
import org.wechatmp.core.client.OAuthToken;
import org.wechatmp.core.client.OAuthUserInfo;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.UserRepository;
import org.wechatmp.core.spi.WeChatUser;
import org.wechatmp.core.web.WebException;

/**
 * The web sign-in flow, independent of any web framework; both adapters use it, so they follow the same rules:
 *
 * <ol>
 *   <li>{@link #start}: a state signed with the account, the time and the hash of a random browser binding; the
 *       binding goes into an HttpOnly cookie ({@link #BINDING_COOKIE}). An attacker's own {@code code} and
 *       {@code state} opened in a victim's browser fail, since the victim's browser has another binding (login
 *       CSRF).</li>
 *   <li>{@link #complete}: the state must be authentic, at most ten minutes old, for this account and this browser,
 *       and is used once (only a double redirect of the same browser with the same code within a few seconds may
 *       use it again). The code exchange is shared only with the same browser's concurrent redirects, so a used
 *       code replayed from another browser is exchanged again and refused by WeChat.</li>
 *   <li>{@link #sessionToken}: one signed, versioned sign-in record with a fresh random id at every sign-in; the
 *       servlet adapter keeps it in the (rotated) HttpSession, the JAX-RS adapter in an HttpOnly cookie.</li>
 * </ol>
 *
 * <p>Refusals are {@link WebException}s with a 4xx status (502 when WeChat cannot be reached); a failing user
 * repository throws what it throws, and the adapters answer that with 500 and an error id.
 */
public final class WebOAuth {
    /** How long a {@link #sessionToken} is accepted. */
    public static final Duration SESSION_TTL = Duration.ofHours(12);
    /** The cookie that binds a sign-in to the browser that started it. */
    public static final String BINDING_COOKIE = "wechat_oauth_binding";
    /** How long after its first use a state may be used again by the same browser with the same code. */
    static final Duration REUSE_WINDOW = Duration.ofSeconds(10);

    private static final int USED_STATES_SWEEP = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Use(String code, Instant first, Instant expires) {
    }

    private final Function<Account, WeChatClient> clients;
    private final UserRepository users;
    private final OAuthStateSigner signer;
    private final Clock clock;
    private final Map<String, Use> usedStates = new ConcurrentHashMap<>();

    /**
     * Creates the flow.
     *
     * @param clients the client of each account
     * @param users where users are stored
     * @param signer the key
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
     * Starts sign-in.
     *
     * @param account the account
     * @param scope the scope
     * @param redirectUri the absolute URL WeChat returns to (built from the configured site URL or an allowed host)
     * @param binding the browser's current {@link #BINDING_COOKIE}, or {@code null}; a well-formed one is kept, so
     *     two tabs signing in at once both succeed
     * @return the authorize URL and the binding to set
     */
    public SignInStart start(Account account, OAuthScope scope, String redirectUri, String binding) {
        String b = validBinding(binding) ? binding : newBinding();
        String url = clients.apply(account).oauth().authorizeUrl(redirectUri, scope, signer.signState(account.name(),
                b));
        return new SignInStart(url, b);
    }

    /**
     * Completes sign-in when WeChat returns with {@code code} and {@code state}.
     *
     * @param account the account
     * @param code the code
     * @param state the state
     * @param binding the browser's {@link #BINDING_COOKIE}, or {@code null}
     * @param returnTo the local path to show afterwards (reduced by {@link #safePath})
     * @return who the user is
     * @throws WebException 400 for a malformed state, 403 when it is forged, stale, used, for another account or
     *     from another browser, or the user declined, or WeChat refused the code; 502 when WeChat failed
     */
    public WeChatOAuthInfo complete(Account account, String code, String state, String binding, String returnTo) {
        OAuthStateSigner.State verified = signer.verifyState(account.name(), state, binding);
        if (code == null || code.isEmpty()) {
            throw new WebException(403, "sign-in was declined");
        }
        if (code.length() > 256) {
            throw new WebException(400, "malformed sign-in code");
        }
        consume(verified, code);
        WeChatClient client = clients.apply(account);
        OAuthToken token;
        OAuthUserInfo info = null;
        try {
            token = client.oauth().exchangeCode(code, binding);
            if (token.allowsUserInfo()) {
                info = client.oauth().userInfo(token);
            }
        } catch (WeChatApiException e) {
            log(account).warn("code exchange refused: {}", e.getMessage());
            throw new WebException(403, "sign-in failed; open the page again", e);
        } catch (WeChatException e) {
            throw new WebException(502, "WeChat could not be reached for sign-in", e);
        }
        Instant now = clock.instant();
        WeChatUser stored = users.find(account.name(), token.openid()).orElse(null);
        OAuthScope scope = info != null ? OAuthScope.USERINFO : OAuthScope.BASE;
        WeChatUser user;
        if (info != null) {
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
        log(account).info("user {} signed in with {}", token.openid(), scope.value());
        return new WeChatOAuthInfo(account.name(), token.openid(), user, scope, safePath(returnTo));
    }

    private void consume(OAuthStateSigner.State state, String code) {
        Instant now = clock.instant();
        if (usedStates.size() > USED_STATES_SWEEP) {
            usedStates.values().removeIf(u -> u.expires().isBefore(now));
        }
        Use mine = new Use(code, now, Instant.ofEpochSecond(state.issued()).plus(OAuthStateSigner.STATE_TTL)
                .plusSeconds(60));
        Use held = usedStates.putIfAbsent(state.id(), mine);
        if (held != null && !(held.code().equals(code) && !now.isAfter(held.first().plus(REUSE_WINDOW)))) {
            throw new WebException(403, "this sign-in link was already used; open the page again");
        }
    }

    /**
     * The signed sign-in record of a user, with a fresh random id; valid for {@link #SESSION_TTL}.
     *
     * @param info the user
     * @return the token ({@code w1.} + base64url, safe in a cookie)
     */
    public String sessionToken(WeChatOAuthInfo info) {
        return signer.signSession(info.account() + "\n" + info.scope().value() + "\n" + info.openid() + "\n"
                + clock.millis() / 1000 + "\n" + newBinding());
    }

    /**
     * Reads a token made by {@link #sessionToken}; anything else (forged, expired, a state, garbage) is empty.
     *
     * @param token the token
     * @return the user, when the token is authentic and fresh
     */
    public Optional<WeChatOAuthInfo> fromSessionToken(String token) {
        Optional<String> payload = signer.verifySession(token);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        String[] p = payload.get().split("\n", -1);
        if (p.length != 5) {
            return Optional.empty();
        }
        long issued;
        OAuthScope scope;
        try {
            issued = Long.parseLong(p[3]);
            scope = OAuthScope.parse(p[1]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        long now = clock.millis() / 1000;
        if (now - issued > SESSION_TTL.getSeconds() || issued - now > 60 || p[2].isEmpty()) {
            return Optional.empty();
        }
        WeChatUser user = users.find(p[0], p[2]).orElseGet(() -> WeChatUser.of(p[2], clock.instant()));
        return Optional.of(new WeChatOAuthInfo(p[0], p[2], user, scope, ""));
    }

    /**
     * Reduces a return target to a local path: anything absolute, scheme-relative or odd becomes {@code /}.
     *
     * @param returnTo the requested path
     * @return a safe local path
     */
    public static String safePath(String returnTo) {
        if (returnTo == null || returnTo.isEmpty() || !returnTo.startsWith("/") || returnTo.startsWith("//")
                || returnTo.contains("\\") || returnTo.length() > 2048
                || returnTo.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return "/";
        }
        return returnTo;
    }

    /**
     * Removes {@code code} and {@code state} from a path with query, giving the page WeChat was asked to return to.
     *
     * @param pathAndQuery the raw path and query
     * @return the same without the two parameters
     */
    public static String withoutOAuthParams(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return pathAndQuery;
        }
        StringBuilder b = new StringBuilder(pathAndQuery.substring(0, q));
        char sep = '?';
        for (String pair : pathAndQuery.substring(q + 1).split("&")) {
            if (pair.isEmpty() || pair.equals("code") || pair.equals("state") || pair.startsWith("code=")
                    || pair.startsWith("state=")) {
                continue;
            }
            b.append(sep).append(pair);
            sep = '&';
        }
        return b.toString();
    }

    static boolean validBinding(String binding) {
        return binding != null && binding.matches("[A-Za-z0-9_-]{22}");
    }

    private static String newBinding() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Logger log(Account account) {
        return LoggerFactory.getLogger("wechat.oauth." + account.name());
    }
}
