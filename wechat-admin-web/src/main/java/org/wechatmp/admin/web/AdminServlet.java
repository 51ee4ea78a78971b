package org.wechatmp.admin.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.admin.auth.AdminStore;
import org.wechatmp.admin.auth.AdminUser;

/**
 * Every admin page (mapped to {@code /}): sign-in, setup, profile, then the account, admin and audit pages. Errors
 * become a page with a message and an id; the id, the stack trace and the request are in the log.
 */
final class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final transient Services s;
    private final transient AccountPages accounts;
    private final transient AdminPages admins;
    private final transient AuditPages audit;
    private final transient DashboardPage dashboard;
    private final transient JobPages jobs;

    AdminServlet(Services s, AccountSections sections) {
        this.s = s;
        this.accounts = new AccountPages(sections);
        this.admins = new AdminPages();
        this.audit = new AuditPages();
        this.dashboard = new DashboardPage();
        this.jobs = new JobPages();
    }

    @Override
    public void destroy() {
        jobs.close();
        accounts.close();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (path.isEmpty()) {
            path = "/";
        }
        Ctx c = null;
        try {
            if (("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod())) && Assets.serve(path, resp)) {
                return;
            }
            c = new Ctx(s, req, resp, path);
            route(c);
        } catch (HttpError e) {
            error(c, req, resp, e.status(), e.getMessage(), null);
        } catch (Exception e) {
            String id = HexFormat.of().formatHex(randomBytes());
            LOG.error("request {} {} failed; error id {}", req.getMethod(), path, id, e);
            error(c, req, resp, 500, "error.internal", id);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private void error(Ctx c, HttpServletRequest req, HttpServletResponse resp, int status, String key, String id)
            throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        try {
            Ctx ctx = c != null ? c : new Ctx(s, req, resp, "/");
            ctx.render("error", status, "error.title", "status", status, "message", key, "errorId", id);
        } catch (RuntimeException e) {
            LOG.error("the error page failed", e);
            resp.setStatus(status);
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write(status + (id == null ? "" : " (error id " + id + ")") + "\n");
        }
    }

    private void route(Ctx c) throws IOException {
        String path = c.path;
        if ("/favicon.ico".equals(path) || path.startsWith("/webjars/") || path.startsWith("/static/")) {
            throw HttpError.notFound();
        }
        if ("/setup".equals(path)) {
            setup(c);
            return;
        }
        if (s.admins().count() == 0) {
            c.redirect("/setup", null);
            return;
        }
        if ("/login".equals(path)) {
            login(c);
            return;
        }
        if (c.user == null) {
            if ("GET".equals(c.method)) {
                c.redirect("/login" + ("/".equals(path) ? "" : "?next=" + java.net.URLEncoder.encode(path,
                        java.nio.charset.StandardCharsets.UTF_8)), null);
                return;
            }
            throw HttpError.forbidden();
        }
        if ("/".equals(path)) {
            c.requireMethod("GET");
            dashboard.show(c);
        } else if ("/logout".equals(path)) {
            c.requireMethod("POST");
            s.audit().record(c.who(), null, "logout", c.who(), true, null, null);
            c.req.getSession().invalidate();
            c.redirect("/login", null);
        } else if ("/me".equals(path)) {
            me(c);
        } else if ("/me/password".equals(path)) {
            password(c);
        } else if (path.equals("/accounts") || path.startsWith("/accounts/") || path.startsWith("/a/")) {
            accounts.route(c);
        } else if (path.equals("/admins") || path.startsWith("/admins/")) {
            admins.route(c);
        } else if (path.equals("/jobs") || path.startsWith("/jobs/")) {
            jobs.route(c);
        } else if (path.equals("/audit") || path.equals("/audit.csv")) {
            audit.route(c);
        } else {
            throw HttpError.notFound();
        }
    }

    private void setup(Ctx c) throws IOException {
        if (s.admins().count() > 0 || s.setup().value() == null) {
            throw HttpError.notFound();
        }
        c.requireMethod("GET", "POST");
        if (!c.post()) {
            c.render("setup", 200, "setup.title", "error", null, "username", "");
            return;
        }
        String username = c.param("username");
        String ip = c.address();
        if (s.throttle().locked("#setup", ip)) {
            c.render("setup", 429, "setup.title", "error", "login.throttled", "username", username);
            return;
        }
        if (!s.setup().matches(c.param("token"))) {
            s.throttle().failed("#setup", ip);
            c.render("setup", 403, "setup.title", "error", "setup.badtoken", "username", username);
            return;
        }
        if (!c.raw("password").equals(c.raw("confirm"))) {
            c.render("setup", 400, "setup.title", "error", "error.confirm", "username", username);
            return;
        }
        long id;
        try {
            id = s.admins().create(username, c.raw("password"), true);
        } catch (IllegalArgumentException e) {
            c.render("setup", 400, "setup.title", "error", e.getMessage(), "username", username);
            return;
        }
        s.setup().consume();
        LOG.info("first superuser '{}' created through /setup; the setup token is used up", username);
        s.audit().record(username, null, "admin.setup", username, true, null, null);
        signIn(c, id, c.msg.lang());
        c.redirect("/", "setup.done");
    }

    private void signIn(Ctx c, long id, String lang) {
        HttpSession session = c.req.getSession();
        c.req.changeSessionId();
        session.setAttribute(Ctx.USER, id);
        SecurityFilter.fresh(session);
        AdminUser u = s.admins().find(id).orElseThrow();
        if (u.locale() == null && lang != null) {
            s.admins().preferences(id, lang, u.timeZone());
        }
    }

    private void login(Ctx c) throws IOException {
        c.requireMethod("GET", "POST");
        String next = c.param("next");
        if (!next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            next = "/";
        }
        if (!c.post()) {
            if (c.user != null) {
                c.redirect(next, null);
                return;
            }
            c.render("login", 200, "login.title", "error", null, "username", "", "next", next);
            return;
        }
        String username = c.param("username");
        String ip = c.address();
        if (s.throttle().locked(username, ip)) {
            s.audit().record(username, null, "login", username, false, null, "throttled " + ip);
            c.render("login", 429, "login.title", "error", "login.throttled", "username", username, "next", next);
            return;
        }
        Optional<AdminUser> u = s.admins().authenticate(username, c.raw("password"));
        if (u.isEmpty()) {
            s.throttle().failed(username, ip);
            s.audit().record(username, null, "login", username, false, null, "wrong password " + ip);
            c.render("login", 401, "login.title", "error", "login.failed", "username", username, "next", next);
            return;
        }
        s.throttle().succeeded(username, ip);
        signIn(c, u.get().id(), c.msg.lang());
        s.audit().record(u.get().username(), null, "login", u.get().username(), true, null, ip);
        c.redirect(next, null);
    }

    private void me(Ctx c) throws IOException {
        c.requireMethod("GET", "POST");
        if (!c.post()) {
            c.render("me", 200, "me.title", "error", null);
            return;
        }
        String lang = Msg.supported(c.param("lang"));
        String zone = c.param("zone");
        if (!zone.isEmpty()) {
            try {
                zone = ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                c.render("me", 400, "me.title", "error", "me.badzone");
                return;
            }
        }
        s.admins().preferences(c.user.id(), lang, zone.isEmpty() ? null : zone);
        s.audit().record(c.who(), null, "me.preferences", c.who(), true, null, null);
        c.redirect("/me", "saved");
    }

    private void password(Ctx c) throws IOException {
        c.requireMethod("POST");
        if (!s.admins().checkPassword(c.user.id(), c.raw("current"))) {
            c.render("me", 400, "me.title", "error", "me.badcurrent");
            return;
        }
        if (!c.raw("password").equals(c.raw("confirm"))) {
            c.render("me", 400, "me.title", "error", "error.confirm");
            return;
        }
        try {
            AdminStore.validPassword(c.raw("password"));
        } catch (IllegalArgumentException e) {
            c.render("me", 400, "me.title", "error", e.getMessage());
            return;
        }
        s.admins().password(c.user.id(), c.raw("password"));
        s.audit().record(c.who(), null, "me.password", c.who(), true, null, null);
        c.redirect("/me", "me.passwordchanged");
    }
}
