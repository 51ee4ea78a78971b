package org.wechatmp.admin.web;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.wechatmp.core.Account;

/**
 * Which forward URLs a handler may have. A forward reply makes the callback server POST every matching message to
 * the URL, so a URL is a server-side request an admin can aim: only {@code http}/{@code https}, a host, no user
 * info, at most 1024 characters, and no loopback, private, link-local (cloud metadata), unique-local, multicast or
 * unspecified address, checked on every address the host resolves to when saved. An account whose
 * {@code api_base} points at a loopback or private host (a local WeChat double, a test environment) may forward to
 * such hosts too. DNS can change after the check (rebinding); the network should still keep the callback server
 * away from internal services.
 */
final class ReplyForwardPolicy {
    static final int MAX_LENGTH = 1024;

    private ReplyForwardPolicy() {
    }

    /**
     * The problem with a forward URL, or {@code null} when it may be used.
     *
     * @param url the URL as typed
     * @param account the account the handler belongs to
     * @return the problem or {@code null}
     */
    static HandlerProblem check(String url, Account account) {
        if (url == null || url.isBlank()) {
            return HandlerProblem.of("replies.err.forward.empty");
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            return HandlerProblem.of("replies.err.forward.url", url);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (url.length() > MAX_LENGTH || !("http".equals(scheme) || "https".equals(scheme)) || u.getHost() == null
                || u.getRawUserInfo() != null || u.getRawFragment() != null) {
            return HandlerProblem.of("replies.err.forward.url", url);
        }
        if (localAllowed(account)) {
            return null;
        }
        String host = u.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(IDN.toASCII(host.startsWith("[") ? host.substring(1,
                    host.length() - 1) : host));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return HandlerProblem.of("replies.err.forward.unresolved", host);
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                return HandlerProblem.of("replies.err.forward.internal", host, a.getHostAddress());
            }
        }
        return null;
    }

    /** Whether an address is one a forward must not reach. */
    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 100 && second >= 64 && second < 128 // carrier-grade NAT 100.64/10
                || first == 198 && (second == 18 || second == 19); // benchmarking 198.18/15
    }

    /** Whether the account's API base is itself local (a double or test set-up), allowing local forwards. */
    static boolean localAllowed(Account account) {
        String base = account.option("api_base");
        if (base == null || base.isBlank()) {
            return false;
        }
        try {
            String host = URI.create(base).getHost();
            if (host == null) {
                return false;
            }
            if ("localhost".equalsIgnoreCase(host)) {
                return true;
            }
            if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
                return false; // a name: not resolved here, so not trusted as local
            }
            return internal(InetAddress.getByName(host.replace("[", "").replace("]", "")));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }
}
