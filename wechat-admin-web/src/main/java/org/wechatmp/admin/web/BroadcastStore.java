package org.wechatmp.admin.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** The broadcasts in {@code wx_admin_broadcast} with their openids and send calls. */
final class BroadcastStore {
    private final Jdbi jdbi;

    BroadcastStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Saves a new pending broadcast and its openids; returns its id. */
    long insert(Broadcast b, List<String> openids) {
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("INSERT INTO wx_admin_broadcast (account, state, msg_type, content, title, "
                    + "description, ignore_reprint, target, tag_id, user_count, author, created_at) VALUES (:account, "
                    + ":state, :type, :content, :title, :description, :ignore, :target, :tag, :users, :author, :at)")
                    .bind("account", b.account()).bind("state", b.state()).bind("type", b.msgType())
                    .bind("content", b.content()).bind("title", b.title()).bind("description", b.description())
                    .bind("ignore", b.ignoreReprint()).bind("target", b.target()).bind("tag", b.tagId())
                    .bind("users", openids.size()).bind("author", b.author())
                    .bind("at", b.createdAt().toEpochMilli())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            PreparedBatch batch = h.prepareBatch("INSERT INTO wx_admin_broadcast_user (broadcast_id, seq, openid) "
                    + "VALUES (:id, :seq, :openid)");
            for (int i = 0; i < openids.size(); i++) {
                batch.bind("id", id).bind("seq", i).bind("openid", openids.get(i)).add();
                if (batch.size() >= 1000) {
                    batch.execute();
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
            return id;
        });
    }

    Optional<Broadcast> find(String account, long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_admin_broadcast WHERE account = :account AND "
                + "id = :id").bind("account", account).bind("id", id).map((rs, ctx) -> read(rs)).findOne()
                .map(b -> b.withSends(sends(h, b.id()))));
    }

    /** A page of an account's broadcasts, newest first, optionally of one state. */
    List<Broadcast> list(String account, String state, int offset, int limit) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT * FROM wx_admin_broadcast WHERE account = :account"
                    + (state == null ? "" : " AND state = :state") + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                    .bind("account", account).bind("limit", limit).bind("offset", offset);
            if (state != null) {
                q.bind("state", state);
            }
            List<Broadcast> out = new ArrayList<>();
            for (Broadcast b : q.map((rs, ctx) -> read(rs)).list()) {
                out.add(b.withSends(sends(h, b.id())));
            }
            return out;
        });
    }

    int count(String account, String state) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT COUNT(*) FROM wx_admin_broadcast WHERE account = :account"
                    + (state == null ? "" : " AND state = :state")).bind("account", account);
            if (state != null) {
                q.bind("state", state);
            }
            return q.mapTo(Integer.class).one();
        });
    }

    List<String> openids(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT openid FROM wx_admin_broadcast_user WHERE broadcast_id = :id "
                + "ORDER BY seq").bind("id", id).mapTo(String.class).list());
    }

    /**
     * Moves a broadcast from one state to another, only if it is still in the first (two admins approving at once
     * send once).
     *
     * @return whether this call moved it
     */
    boolean move(long id, String from, String to, String reviewer, Instant at, String reason) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE wx_admin_broadcast SET state = :to"
                + (reviewer == null ? "" : ", reviewer = :reviewer, reviewed_at = :at, reason = :reason")
                + " WHERE id = :id AND state = :from").bind("to", to).bind("id", id).bind("from", from)
                .bind("reviewer", reviewer).bind("at", at == null ? null : at.toEpochMilli()).bind("reason", reason)
                .execute()) == 1;
    }

    /** Puts a broadcast whose send WeChat refused before sending anything back to pending, unreviewed. */
    void reopen(long id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_broadcast SET state = 'PENDING', reviewer = NULL, "
                + "reviewed_at = NULL, sent_at = NULL WHERE id = :id AND state = 'SENDING'").bind("id", id).execute());
    }

    /** Sets the state and, for a failed send, the error. */
    void state(long id, String state, Instant sentAt, Integer errcode, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_broadcast SET state = :state, sent_at = COALESCE(:sent, "
                + "sent_at), errcode = :errcode, error_msg = :error WHERE id = :id").bind("state", state)
                .bind("sent", sentAt == null ? null : sentAt.toEpochMilli()).bind("errcode", errcode)
                .bind("error", error == null ? null : error.length() > 500 ? error.substring(0, 500) : error)
                .bind("id", id).execute());
    }

    void addSend(long id, int seq, long msgId, Long msgDataId, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_admin_broadcast_send (broadcast_id, seq, msg_id, "
                + "msg_data_id, updated_at) VALUES (:id, :seq, :msg, :data, :at)").bind("id", id).bind("seq", seq)
                .bind("msg", msgId).bind("data", msgDataId).bind("at", at.toEpochMilli()).execute());
    }

    /** The broadcast of an account that a WeChat mass message id belongs to. */
    Optional<Long> bySend(String account, long msgId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT s.broadcast_id FROM wx_admin_broadcast_send s JOIN "
                + "wx_admin_broadcast b ON b.id = s.broadcast_id WHERE s.msg_id = :msg AND b.account = :account")
                .bind("msg", msgId).bind("account", account).mapTo(Long.class).findFirst());
    }

    /** Records the job-finish report of one send. */
    void finish(long id, long msgId, String status, int total, int filter, int sent, int errors, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_broadcast_send SET status = :status, total_count = :total, "
                + "filter_count = :filter, sent_count = :sent, error_count = :errors, updated_at = :at "
                + "WHERE broadcast_id = :id AND msg_id = :msg").bind("status", cut(status)).bind("total", total)
                .bind("filter", filter).bind("sent", sent).bind("errors", errors).bind("at", at.toEpochMilli())
                .bind("id", id).bind("msg", msgId).execute());
    }

    /** Records {@code mass/get}'s status of one send (counts stay as the event left them). */
    void status(long id, int seq, String status, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_broadcast_send SET status = :status, updated_at = :at "
                + "WHERE broadcast_id = :id AND seq = :seq").bind("status", cut(status)).bind("at", at.toEpochMilli())
                .bind("id", id).bind("seq", seq).execute());
    }

    /** Broadcasts of every account still sending since before a time (for the status poll). */
    List<Broadcast> sendingSince(Instant before) {
        return jdbi.withHandle(h -> {
            List<Broadcast> out = new ArrayList<>();
            for (Broadcast b : h.createQuery("SELECT * FROM wx_admin_broadcast WHERE state = 'SENDING' AND sent_at < "
                    + ":before ORDER BY id").bind("before", before.toEpochMilli()).setMaxRows(200)
                    .map((rs, ctx) -> read(rs)).list()) {
                out.add(b.withSends(sends(h, b.id())));
            }
            return out;
        });
    }

    /** Article sends of an account that have a {@code msg_data_id} (for the comments), newest first. */
    List<Broadcast> articles(String account, int limit) {
        return jdbi.withHandle(h -> {
            List<Broadcast> out = new ArrayList<>();
            for (Broadcast b : h.createQuery("SELECT * FROM wx_admin_broadcast b WHERE account = :account AND "
                    + "msg_type = 'mpnews' AND EXISTS (SELECT 1 FROM wx_admin_broadcast_send s WHERE "
                    + "s.broadcast_id = b.id AND s.msg_data_id IS NOT NULL) ORDER BY id DESC")
                    .bind("account", account).setMaxRows(limit).map((rs, ctx) -> read(rs)).list()) {
                out.add(b.withSends(sends(h, b.id())));
            }
            return out;
        });
    }

    private static String cut(String s) {
        return s == null || s.length() <= 64 ? s : s.substring(0, 64);
    }

    private static List<BroadcastSend> sends(Handle h, long id) {
        return h.createQuery("SELECT * FROM wx_admin_broadcast_send WHERE broadcast_id = :id ORDER BY seq")
                .bind("id", id).map((rs, ctx) -> new BroadcastSend(rs.getInt("seq"), rs.getLong("msg_id"),
                        integer(rs, "msg_data_id") == null ? null : rs.getLong("msg_data_id"),
                        rs.getString("status"), integer(rs, "total_count"), integer(rs, "filter_count"),
                        integer(rs, "sent_count"), integer(rs, "error_count"),
                        Instant.ofEpochMilli(rs.getLong("updated_at")))).list();
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : (int) Math.min(Integer.MAX_VALUE, v);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Broadcast read(ResultSet rs) throws SQLException {
        return new Broadcast(rs.getLong("id"), rs.getString("account"), rs.getString("state"),
                rs.getString("msg_type"), rs.getString("content"), rs.getString("title"),
                rs.getString("description"), rs.getBoolean("ignore_reprint"), rs.getString("target"),
                integer(rs, "tag_id"), rs.getInt("user_count"), rs.getString("author"),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("reviewer"), instant(rs, "reviewed_at"),
                rs.getString("reason"), instant(rs, "sent_at"), integer(rs, "errcode"), rs.getString("error_msg"),
                List.of());
    }
}
