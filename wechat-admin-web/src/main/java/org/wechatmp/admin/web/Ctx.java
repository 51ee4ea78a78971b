package org.wechatmp.admin.web;

import gg.jte.output.StringOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.wechatmp.admin.auth.AdminUser;

/** One request: its user, language, zone and helpers to render and redirect. */
final class Ctx {
    static final String USER = "org.wechatmp.admin.user";
    static final String LANG = "org.wechatmp.admin.lang";
    static final String FLASH = "org.wechatmp.admin.flash";

    final Services s;
    final HttpServletRequest req;
    final HttpServletResponse resp;
    final String path;
    final String method;
    AdminUser user;
    Msg msg;
    ZoneId zone;

    Ctx(Services s, HttpServletRequest req, HttpServletResponse resp, String path) {
        this.s = s;
        this.req = req;
        this.resp = resp;
        this.path = path;
        this.method = req.getMethod().toUpperCase(Locale.ROOT);
        HttpSession session = req.getSession(false);
        Object id = session == null ? null : session.getAttribute(USER);
        if (id instanceof Long l) {
            user = s.admins().find(l).filter(AdminUser::active).orElse(null);
            if (user == null) {
                session.invalidate();
            }
        }
        String asked = "GET".equals(method) ? Msg.supported(req.getParameter("lang")) : null;
        String lang;
        if (asked != null) {
            req.getSession().setAttribute(LANG, asked);
            if (user != null && !asked.equals(user.locale())) {
                s.admins().preferences(user.id(), asked, user.timeZone());
                user = s.admins().find(user.id()).orElseThrow();
            }
            lang = asked;
        } else if (user != null && Msg.supported(user.locale()) != null) {
            lang = Msg.supported(user.locale());
        } else if (req.getSession(false) != null && req.getSession(false).getAttribute(LANG) instanceof String l) {
            lang = l;
        } else {
            lang = fromBrowser(req);
        }
        msg = Msg.of(lang);
        zone = s.zone();
        if (user != null && user.timeZone() != null) {
            try {
                zone = ZoneId.of(user.timeZone());
            } catch (DateTimeException e) {
                zone = s.zone();
            }
        }
    }

    private static String fromBrowser(HttpServletRequest req) {
        if (req.getHeader("Accept-Language") != null) {
            for (Locale l : Collections.list(req.getLocales())) {
                String t = Msg.supported(l.toLanguageTag());
                if (t != null) {
                    return t;
                }
            }
        }
        return "en";
    }

    String param(String name) {
        String v = req.getParameter(name);
        return v == null ? "" : v.trim();
    }

    /** The raw value of a secret or password field (not trimmed). */
    String raw(String name) {
        String v = req.getParameter(name);
        return v == null ? "" : v;
    }

    boolean post() {
        return "POST".equals(method);
    }

    void requireMethod(String... allowed) {
        for (String m : allowed) {
            if (m.equals(method) || "GET".equals(m) && "HEAD".equals(method)) {
                return;
            }
        }
        throw new HttpError(405, "error.method");
    }

    void requireSuperuser() {
        if (user == null || !user.superuser()) {
            throw HttpError.forbidden();
        }
    }

    Page page(String titleKey) {
        HttpSession session = req.getSession();
        String flash = (String) session.getAttribute(FLASH);
        if (flash != null) {
            session.removeAttribute(FLASH);
        }
        return new Page(msg, req.getContextPath(), SecurityFilter.token(session), user, titleKey, zone, flash, path,
                s.demo());
    }

    void render(String template, int status, String titleKey, Object... params) throws IOException {
        Map<String, Object> map = new HashMap<>();
        map.put("p", page(titleKey));
        for (int i = 0; i < params.length; i += 2) {
            map.put((String) params[i], params[i + 1]);
        }
        StringOutput out = new StringOutput();
        s.templates().render(template + ".jte", map, out);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    void redirect(String to, String flashKey) throws IOException {
        if (flashKey != null) {
            req.getSession().setAttribute(FLASH, flashKey);
        }
        resp.sendRedirect(req.getContextPath() + to);
    }

    String address() {
        return req.getRemoteAddr();
    }

    /** The public callback URL of an account. */
    String callbackUrl(String account) {
        String base = s.siteUrl();
        if (base == null) {
            String host = req.getHeader("Host");
            base = req.getScheme() + "://" + (host == null ? req.getServerName() + ":" + req.getServerPort() : host)
                    + req.getContextPath();
        }
        return base + "/wechat/" + account;
    }

    String who() {
        return user == null ? "" : user.username();
    }
}
