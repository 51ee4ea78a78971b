package org.wechatmp.admin.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The QR codes made in the admin, in {@code wx_admin_qrcode}. */
final class QrCodeStore {
    /** A page of codes holds this many. */
    static final int PAGE = 50;

    /**
     * A QR code.
     *
     * @param id the id
     * @param account the account
     * @param scene the scene string
     * @param permanent permanent or temporary
     * @param label the operator's label, or {@code null}
     * @param ticket WeChat's ticket
     * @param url the content of the code
     * @param expiresAt when a temporary code expires, {@code null} for a permanent one
     * @param createdAt when it was made
     * @param createdBy who made it
     */
    record QrRow(long id, String account, String scene, boolean permanent, String label, String ticket, String url,
            Instant expiresAt, Instant createdAt, String createdBy) {
        boolean expired(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }

    private static final RowMapper<QrRow> ROW = (rs, ctx) -> {
        long expires = rs.getLong("expires_at");
        boolean noExpiry = rs.wasNull();
        return new QrRow(rs.getLong("id"), rs.getString("account"), rs.getString("scene"), rs.getBoolean("permanent"),
                rs.getString("label"), rs.getString("ticket"), rs.getString("url"),
                noExpiry ? null : Instant.ofEpochMilli(expires), Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("created_by"));
    };

    private final Jdbi jdbi;

    QrCodeStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    long insert(String account, String scene, boolean permanent, String label, String ticket, String url,
            Instant expiresAt, Instant now, String who) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO wx_admin_qrcode (account, scene, permanent, label, "
                + "ticket, url, expires_at, created_at, created_by) VALUES (:a, :s, :p, :l, :t, :u, :e, :c, :w)")
                .bind("a", account).bind("s", scene).bind("p", permanent).bind("l", label).bind("t", ticket)
                .bind("u", url).bind("e", expiresAt == null ? null : expiresAt.toEpochMilli())
                .bind("c", now.toEpochMilli()).bind("w", who).executeAndReturnGeneratedKeys("id").mapTo(Long.class)
                .one());
    }

    Optional<QrRow> find(String account, long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_admin_qrcode WHERE account = :a AND id = :id")
                .bind("a", account).bind("id", id).map(ROW).findOne());
    }

    /** A page of codes, newest first, optionally those whose scene or label contain a text; one more than a page. */
    List<QrRow> list(String account, String text, int page) {
        String like = text.isEmpty() ? "" : " AND (LOWER(scene) LIKE :q ESCAPE '!' OR LOWER(label) LIKE :q ESCAPE '!')";
        String pattern = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_") + "%";
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_admin_qrcode WHERE account = :a" + like
                + " ORDER BY id DESC LIMIT " + (PAGE + 1) + " OFFSET " + (long) page * PAGE).bind("a", account)
                .bind("q", pattern).map(ROW).list());
    }
}
