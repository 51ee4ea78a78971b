package org.wechatmp.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.web.SetCookie;
import org.wechatmp.core.web.WebAnswer;
import org.wechatmp.core.web.WebErrors;
import org.wechatmp.core.web.WebException;

/** Writing core answers and cookies for the servlets and the filter (besides {@link Http}). */
final class Web {
    private Web() {
    }

    static void write(HttpServletResponse resp, WebAnswer answer) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        resp.setStatus(answer.status());
        resp.setContentType(answer.contentType());
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        byte[] bytes = answer.bytes();
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** A refusal: its status and message with an error id. */
    static WebAnswer refusal(WebException e, String where) {
        return WebErrors.refusal(e.status(), e.getMessage(), where, e.getCause() == null ? "refused"
                : e.getCause().getMessage());
    }

    static String cookie(HttpServletRequest req, String name) {
        Cookie[] all = req.getCookies();
        if (all == null) {
            return null;
        }
        for (Cookie c : all) {
            if (name.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /** Adds an HttpOnly, SameSite=Lax cookie; {@code maxAge} 0 deletes it. */
    static void setCookie(HttpServletRequest req, HttpServletResponse resp, String name, String value, long maxAge,
            boolean secure) {
        String path = req.getContextPath() == null || req.getContextPath().isEmpty() ? "/" : req.getContextPath();
        resp.addHeader("Set-Cookie", SetCookie.header(name, value, path, maxAge, secure));
    }

    /**
     * Session ids only in cookies (never {@code ;jsessionid=} in URLs), and the session cookie HttpOnly and
     * SameSite=Lax; Secure always when the site is HTTPS (otherwise the container marks it Secure on HTTPS
     * requests).
     */
    static void secureSessions(ServletContext context, boolean httpsSite) {
        try {
            context.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
            SessionCookieConfig c = context.getSessionCookieConfig();
            if (c == null) {
                return; // a context without session support (e.g. Jetty's without SESSIONS): no cookie to configure
            }
            c.setHttpOnly(true);
            c.setAttribute("SameSite", "Lax");
            if (httpsSite) {
                c.setSecure(true);
            }
        } catch (IllegalStateException | UnsupportedOperationException e) {
            LoggerFactory.getLogger("wechat.web").warn("session cookies could not be configured (the context is "
                    + "already initialized): set tracking mode COOKIE, HttpOnly and SameSite=Lax in web.xml");
        }
    }
}
