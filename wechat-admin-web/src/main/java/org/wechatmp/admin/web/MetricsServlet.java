package org.wechatmp.admin.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.wechatmp.admin.auth.AdminUser;

/**
 * {@code GET /metrics}: the runtime's meters in the Prometheus text format. Allowed with
 * {@code Authorization: Bearer <WECHAT_METRICS_TOKEN>} or a signed-in superuser's session; without either 401, with a
 * wrong token or a session of an admin who is not a superuser 403.
 */
final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Services s;

    MetricsServlet(Services s) {
        this.s = s;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int status = allowed(req);
        if (status != 200) {
            resp.setStatus(status);
            if (status == 401) {
                resp.setHeader("WWW-Authenticate", "Bearer realm=\"wechat-admin metrics\"");
            }
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write(status == 401 ? "401 Unauthorized: a bearer token or an admin sign-in is needed\n"
                    : "403 Forbidden\n");
            return;
        }
        byte[] body = s.registry().scrape().getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private int allowed(HttpServletRequest req) {
        String auth = req.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String sent = auth.substring(7).trim();
            String expected = s.metricsToken();
            return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    sent.getBytes(StandardCharsets.UTF_8)) ? 200 : 403;
        }
        HttpSession session = req.getSession(false);
        Object id = session == null ? null : session.getAttribute(Ctx.USER);
        if (id instanceof Long l) {
            return s.admins().find(l).filter(AdminUser::active).map(u -> u.superuser() ? 200 : 403).orElse(401);
        }
        return 401;
    }
}
