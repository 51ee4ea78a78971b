package org.wechatmp.core.web;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the web adapters see the site they run on; give both adapters the same settings.
 *
 * <ul>
 *   <li>{@code siteUrl}: the public origin, e.g. {@code https://example.com} (no path). The OAuth {@code redirect_uri}
 *       is built from it, so a forged {@code Host} header cannot send WeChat's code elsewhere. Environment:
 *       {@code WECHAT_SITE_URL}.</li>
 *   <li>{@code allowedHosts}: without a site URL, the {@code Host} header is used only when its host is listed here
 *       ({@code example.com} allows any port, {@code example.com:8443} only that one); otherwise sign-in is refused
 *       with 400. Environment: {@code WECHAT_ALLOWED_HOSTS} (comma-separated).</li>
 *   <li>{@code trustedProxies}: addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} and
 *       {@code X-Forwarded-Proto} are believed; from anyone else these headers are ignored. Environment:
 *       {@code WECHAT_TRUSTED_PROXIES}.</li>
 * </ul>
 *
 * @param siteUrl the public origin, or {@code null}
 * @param allowedHosts hosts accepted from the {@code Host} header when there is no site URL
 * @param trustedProxies trusted proxy addresses and CIDR ranges
 */
public record WebSettings(String siteUrl, Set<String> allowedHosts, Set<String> trustedProxies) {
    /** Shown when the request's host is neither the site URL's nor allowed. */
    public static final String HOST_REFUSED = "this host is not configured for WeChat sign-in";

    /**
     * Validates and normalizes.
     *
     * @param siteUrl the public origin, or {@code null}
     * @param allowedHosts hosts accepted from the {@code Host} header when there is no site URL
     * @param trustedProxies trusted proxy addresses and CIDR ranges
     */
    public WebSettings {
        siteUrl = normalizeSite(siteUrl);
        allowedHosts = Set.copyOf(lower(allowedHosts == null ? Set.of() : allowedHosts));
        trustedProxies = Set.copyOf(trustedProxies == null ? Set.of() : trustedProxies);
        AddressSet.of(trustedProxies); // fails early on a typo
    }

    /**
     * No site URL, no allowed host, no trusted proxy: sign-in is refused until one of the first two is set.
     *
     * @return the settings
     */
    public static WebSettings defaults() {
        return new WebSettings(null, Set.of(), Set.of());
    }

    /**
     * Reads {@code WECHAT_SITE_URL}, {@code WECHAT_ALLOWED_HOSTS} and {@code WECHAT_TRUSTED_PROXIES}.
     *
     * @param env the environment, e.g. {@code System.getenv()}
     * @return the settings
     */
    public static WebSettings fromEnv(Map<String, String> env) {
        String site = env.get("WECHAT_SITE_URL");
        return new WebSettings(site == null || site.isBlank() ? null : site.trim(), list(env.get(
                "WECHAT_ALLOWED_HOSTS")), list(env.get("WECHAT_TRUSTED_PROXIES")));
    }

    /**
     * The same with a site URL.
     *
     * @param url the public origin, e.g. {@code https://example.com}
     * @return new settings
     */
    public WebSettings withSiteUrl(String url) {
        return new WebSettings(url, allowedHosts, trustedProxies);
    }

    /**
     * The same with allowed hosts.
     *
     * @param hosts the hosts
     * @return new settings
     */
    public WebSettings withAllowedHosts(String... hosts) {
        return new WebSettings(siteUrl, Set.of(hosts), trustedProxies);
    }

    /**
     * The same with trusted proxies.
     *
     * @param proxies addresses and CIDR ranges
     * @return new settings
     */
    public WebSettings withTrustedProxies(String... proxies) {
        return new WebSettings(siteUrl, allowedHosts, Set.of(proxies));
    }

    /**
     * The origin ({@code scheme://host[:port]}) to build absolute URLs with: the site URL, or the request's own
     * scheme and {@code Host} when that host is allowed.
     *
     * @param scheme the request scheme
     * @param hostHeader the {@code Host} header
     * @param remoteAddr the TCP peer
     * @param forwardedProto the {@code X-Forwarded-Proto} header, or {@code null}
     * @return the origin
     * @throws WebException 400 when the host is not allowed
     */
    public String origin(String scheme, String hostHeader, String remoteAddr, String forwardedProto) {
        if (siteUrl != null) {
            return siteUrl;
        }
        String host = hostHeader == null ? "" : hostHeader.trim().toLowerCase(Locale.ROOT);
        if (!host.matches("([a-z0-9.-]{1,253}|\\[[0-9a-f:.]{2,45}])(:[0-9]{1,5})?") || !allowed(host)) {
            throw new WebException(400, HOST_REFUSED);
        }
        return (secure(scheme, remoteAddr, forwardedProto) ? "https" : "http") + "://" + host;
    }

    private boolean allowed(String host) {
        if (allowedHosts.contains(host)) {
            return true;
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']', colon) < 0 && allowedHosts.contains(host.substring(0, colon));
    }

    /**
     * Whether the browser reached the site over HTTPS: the request's scheme, or {@code X-Forwarded-Proto} from a
     * trusted proxy. Cookies set for such a request are {@code Secure}.
     *
     * @param scheme the request scheme
     * @param remoteAddr the TCP peer
     * @param forwardedProto the {@code X-Forwarded-Proto} header, or {@code null}
     * @return whether HTTPS
     */
    public boolean secure(String scheme, String remoteAddr, String forwardedProto) {
        if ("https".equalsIgnoreCase(scheme)) {
            return true;
        }
        return forwardedProto != null && "https".equalsIgnoreCase(forwardedProto.split(",")[0].trim())
                && AddressSet.cached(trustedProxies).contains(remoteAddr);
    }

    /**
     * The client address by {@link ClientAddress#resolve}.
     *
     * @param remoteAddr the TCP peer
     * @param forwardedFor the {@code X-Forwarded-For} header, or {@code null}
     * @return the client address
     */
    public String clientAddress(String remoteAddr, String forwardedFor) {
        return ClientAddress.resolve(remoteAddr, forwardedFor, trustedProxies);
    }

    /**
     * Whether the site URL is HTTPS (then session cookies are always {@code Secure}).
     *
     * @return whether the configured site is HTTPS
     */
    public boolean httpsSite() {
        return siteUrl != null && siteUrl.startsWith("https://");
    }

    private static String normalizeSite(String url) {
        if (url == null) {
            return null;
        }
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the site URL is not a URL: " + url);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the site URL must be an origin like https://example.com, not " + url);
        }
        return u;
    }

    private static Set<String> lower(Set<String> hosts) {
        Set<String> out = new LinkedHashSet<>();
        for (String h : hosts) {
            if (h != null && !h.isBlank()) {
                out.add(h.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static Set<String> list(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
