package org.wechatmp.admin.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.wechatmp.admin.audit.AuditEntry;
import org.wechatmp.admin.audit.AuditFilter;
import org.wechatmp.admin.audit.AuditLog;

/**
 * {@code /audit} (filters: admin, account, action prefix, date range in the user's zone) and {@code /audit.csv}.
 * Superusers see everything; others see the entries of the accounts they may see.
 */
final class AuditPages {
    private static final int PAGE = 200;
    private static final int CSV_MAX = 10_000;

    void route(Ctx c) throws IOException {
        c.requireMethod("GET");
        String account = c.param("account");
        if (!c.user.superuser() && (account.isEmpty() || !c.user.sees(account))) {
            if (!account.isEmpty()) {
                throw HttpError.notFound();
            }
            if ("/audit.csv".equals(c.path)) {
                throw HttpError.forbidden();
            }
        }
        AuditFilter filter = new AuditFilter(c.param("admin"), account, c.param("action"), day(c, "from", 0),
                day(c, "to", 1));
        if ("/audit.csv".equals(c.path)) {
            var entries = c.s.audit().find(filter, CSV_MAX);
            c.s.audit().record(c.who(), account, "audit.export", "audit.csv", true, null, entries.size() + " rows");
            byte[] body = AuditLog.csv(entries).getBytes(StandardCharsets.UTF_8);
            c.resp.setContentType("text/csv;charset=UTF-8");
            c.resp.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
            c.resp.setHeader("Cache-Control", "no-store");
            c.resp.getOutputStream().write(body);
            return;
        }
        java.util.List<AuditEntry> entries = c.user.superuser() || !account.isEmpty()
                ? c.s.audit().find(filter, PAGE) : java.util.List.of();
        String query = c.req.getQueryString() == null ? "" : c.req.getQueryString();
        c.render("audit", 200, "audit.title", "entries", entries, "admin", c.param("admin"), "account", account,
                "action", c.param("action"), "from", c.param("from"), "to", c.param("to"), "query", query);
    }

    private static Instant day(Ctx c, String name, int plusDays) {
        String v = c.param(name);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(v).plusDays(plusDays).atStartOfDay(c.zone).toInstant();
        } catch (DateTimeException e) {
            throw new HttpError(400, "audit.baddate");
        }
    }
}
