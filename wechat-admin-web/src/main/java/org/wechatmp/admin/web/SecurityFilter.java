package org.wechatmp.admin.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Every admin request: security headers (CSP {@code default-src 'self'}), and for every state-changing method an
 * Origin check and the session's synchronizer token ({@code X-CSRF-Token} header or {@code _csrf} field); either
 * failing answers 403. The WeChat callback paths are left to their own servlets.
 */
final class SecurityFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final String CSRF = "org.wechatmp.admin.csrf";
    static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final String siteUrl;

    SecurityFilter(String siteUrl) {
        this.siteUrl = siteUrl;
    }

    static boolean callbackPath(String path) {
        return path.startsWith("/wechat/") || path.startsWith("/wechat-material/") || path.startsWith("/wechat-jssdk/")
                || "/wechat".equals(path);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (callbackPath(path)) {
            chain.doFilter(req, resp);
            return;
        }
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "same-origin");
        if (!SAFE.contains(req.getMethod().toUpperCase(Locale.ROOT))) {
            if (!sameOrigin(req) || !tokenMatches(req)) {
                resp.setStatus(403);
                resp.setContentType("text/plain;charset=UTF-8");
                resp.getWriter().write("403 Forbidden: missing or wrong CSRF token or origin\n");
                return;
            }
        }
        chain.doFilter(req, resp);
    }

    private boolean sameOrigin(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        if (siteUrl != null && origin.equalsIgnoreCase(originOf(siteUrl))) {
            return true;
        }
        String host = req.getHeader("Host");
        return host != null && origin.equalsIgnoreCase(req.getScheme() + "://" + host);
    }

    private static String originOf(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    private static boolean tokenMatches(HttpServletRequest req) {
        HttpSession s = req.getSession(false);
        String expected = s == null ? null : (String) s.getAttribute(CSRF);
        String sent = req.getHeader("X-CSRF-Token");
        if (sent == null) {
            sent = req.getParameter("_csrf");
        }
        return expected != null && sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The session's token, made on first use.
     *
     * @param s the session
     * @return the token
     */
    static String token(HttpSession s) {
        String t = (String) s.getAttribute(CSRF);
        if (t == null) {
            t = fresh(s);
        }
        return t;
    }

    /**
     * A new token (at sign-in).
     *
     * @param s the session
     * @return the token
     */
    static String fresh(HttpSession s) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String t = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        s.setAttribute(CSRF, t);
        return t;
    }
}
