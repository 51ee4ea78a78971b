package org.wechatmp.admin.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The audit log in {@code wx_admin_audit}.
 */
public final class AuditLog {
    private final Jdbi jdbi;
    private final Clock clock;

    /**
     * Creates the log.
     *
     * @param jdbi the database
     * @param clock the clock
     */
    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Records an action now.
     *
     * @param admin who
     * @param account the account, or {@code null}
     * @param action the action
     * @param target the target
     * @param ok whether it succeeded
     * @param errcode WeChat's errcode, or {@code null}
     * @param detail a short detail without secrets, or {@code null}
     */
    public void record(String admin, String account, String action, String target, boolean ok, Integer errcode,
            String detail) {
        // the seed's wechat.admin.{account} logger: every admin write and WeChat call, one escaped line each
        org.slf4j.LoggerFactory.getLogger("wechat.admin." + (account == null || account.isBlank() ? "-" : account))
                .info("{} {} {} {}{}", oneLine(admin), oneLine(action), oneLine(target), ok ? "ok" : "error",
                        errcode == null ? "" : " errcode=" + errcode);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_admin_audit (at, admin, account, action, target, result, "
                + "errcode, detail) VALUES (:at, :admin, :account, :action, :target, :result, :errcode, :detail)")
                .bind("at", clock.millis()).bind("admin", cut(admin, 64)).bind("account", cut(account, 64))
                .bind("action", cut(action, 64)).bind("target", cut(target, 255)).bind("result", ok ? "ok" : "error")
                .bind("errcode", errcode).bind("detail", detail == null ? null : cut(detail, 500)).execute());
    }

    private static String oneLine(String s) {
        String v = cut(s, 200);
        StringBuilder b = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    private static String cut(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() > max ? v.substring(0, max) : v;
    }

    /**
     * The newest entries matching a filter.
     *
     * @param filter the filter
     * @param limit the most to return
     * @return the entries, newest first
     */
    public List<AuditEntry> find(AuditFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM wx_admin_audit WHERE 1 = 1");
        Map<String, Object> binds = new TreeMap<>();
        if (present(filter.admin())) {
            sql.append(" AND admin = :admin");
            binds.put("admin", filter.admin().trim());
        }
        if (present(filter.account())) {
            sql.append(" AND account = :account");
            binds.put("account", filter.account().trim());
        }
        if (present(filter.action())) {
            sql.append(" AND action LIKE :action");
            binds.put("action", filter.action().trim().replace("%", "").replace("_", "\\_") + "%");
        }
        if (filter.from() != null) {
            sql.append(" AND at >= :from");
            binds.put("from", filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            sql.append(" AND at < :to");
            binds.put("to", filter.to().toEpochMilli());
        }
        sql.append(" ORDER BY id DESC");
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).setMaxRows(limit);
            binds.forEach(q::bind);
            return new ArrayList<>(q.map((rs, ctx) -> {
                int code = rs.getInt("errcode");
                Integer errcode = rs.wasNull() ? null : code;
                return new AuditEntry(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("admin"),
                        rs.getString("account"), rs.getString("action"), rs.getString("target"),
                        rs.getString("result"), errcode, rs.getString("detail"));
            }).list());
        });
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * Writes entries as CSV (RFC 4180; cells that a spreadsheet would run as a formula are prefixed with a quote).
     *
     * @param entries the entries
     * @return the CSV text
     */
    public static String csv(List<AuditEntry> entries) {
        StringBuilder sb = new StringBuilder("id,at,admin,account,action,target,result,errcode,detail\r\n");
        for (AuditEntry e : entries) {
            sb.append(e.id()).append(',').append(e.at()).append(',').append(cell(e.admin())).append(',')
                    .append(cell(e.account())).append(',').append(cell(e.action())).append(',')
                    .append(cell(e.target())).append(',').append(cell(e.result())).append(',')
                    .append(e.errcode() == null ? "" : e.errcode()).append(',').append(cell(e.detail()))
                    .append("\r\n");
        }
        return sb.toString();
    }

    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String v = s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(s)) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
