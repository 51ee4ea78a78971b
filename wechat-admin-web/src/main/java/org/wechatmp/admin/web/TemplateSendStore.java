package org.wechatmp.admin.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The template send log ({@code wx_admin_template_send}) and the pending sends to a tag
 * ({@code wx_admin_template_batch}), admin migration V3.
 */
final class TemplateSendStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON = 4000;

    private final Jdbi jdbi;
    private final Clock clock;

    TemplateSendStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records a send about to be made; {@link #sent} or {@link #refused} follows. */
    long sending(String account, Long batchId, String templateId, String openid, String sentBy,
            Map<String, String> data) {
        String json = json(data);
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO wx_admin_template_send (account, batch_id, "
                + "template_id, openid, status, sent_by, sent_at, data_json) VALUES (:a, :b, :t, :o, 'sending', :u, "
                + ":at, :d)").bind("a", account).bind("b", batchId).bind("t", templateId).bind("o", openid)
                .bind("u", cut(sentBy, 64)).bind("at", clock.millis()).bind("d", json)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    void sent(long id, long msgId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_template_send SET status = 'sent', msg_id = :m "
                + "WHERE id = :id AND status = 'sending'").bind("m", msgId).bind("id", id).execute());
    }

    void refused(long id, Integer errcode) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_template_send SET status = 'error', errcode = :e, "
                + "status_at = :at WHERE id = :id").bind("e", errcode).bind("at", clock.millis()).bind("id", id)
                .execute());
    }

    /**
     * Stores the delivery status of a message (from {@code TEMPLATESENDJOBFINISH}).
     *
     * @return how many rows matched the msgid
     */
    int delivered(String account, long msgId, String status) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE wx_admin_template_send SET status = :s, status_at = :at "
                + "WHERE account = :a AND msg_id = :m").bind("s", cut(status.isBlank() ? "unknown" : status, 64))
                .bind("at", clock.millis()).bind("a", account).bind("m", msgId).execute());
    }

    /** A page of the log, newest first, continuing before the row id {@code beforeId} (0: from the newest). */
    List<TemplateSendRow> page(String account, String templateId, String status, String openid, long beforeId,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM wx_admin_template_send WHERE account = :a");
        Map<String, Object> params = new HashMap<>();
        params.put("a", account);
        if (!templateId.isEmpty()) {
            sql.append(" AND template_id = :t");
            params.put("t", templateId);
        }
        if (!status.isEmpty()) {
            sql.append(" AND status = :s");
            params.put("s", status);
        }
        if (!openid.isEmpty()) {
            sql.append(" AND openid = :o");
            params.put("o", openid);
        }
        if (beforeId > 0) {
            sql.append(" AND id < :before");
            params.put("before", beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        return jdbi.withHandle(h -> h.createQuery(sql.toString()).bindMap(params).map((rs, ctx) -> row(rs)).list());
    }

    Optional<TemplateSendRow> find(String account, long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_admin_template_send WHERE account = :a "
                + "AND id = :id").bind("a", account).bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    private static TemplateSendRow row(ResultSet rs) throws SQLException {
        long batch = rs.getLong("batch_id");
        Long batchId = rs.wasNull() ? null : batch;
        long msg = rs.getLong("msg_id");
        Long msgId = rs.wasNull() ? null : msg;
        int err = rs.getInt("errcode");
        Integer errcode = rs.wasNull() ? null : err;
        long statusAt = rs.getLong("status_at");
        Instant at = rs.wasNull() ? null : Instant.ofEpochMilli(statusAt);
        return new TemplateSendRow(rs.getLong("id"), batchId, rs.getString("template_id"), rs.getString("openid"),
                msgId, rs.getString("status"), errcode, rs.getString("sent_by"),
                Instant.ofEpochMilli(rs.getLong("sent_at")), at, data(rs.getString("data_json")));
    }

    /** Inserts a pending send to a tag (the job reads it). */
    long createBatch(String account, String templateId, int tagId, Map<String, String> data, String url,
            String createdBy) {
        String json = json(data);
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO wx_admin_template_batch (account, template_id, tag_id, "
                + "data_json, url, created_by, created_at, state) VALUES (:a, :t, :g, :d, :url, :u, :at, 'pending')")
                .bind("a", account).bind("t", templateId).bind("g", tagId).bind("d", json).bind("url", url)
                .bind("u", cut(createdBy, 64)).bind("at", clock.millis())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** The oldest pending send to a tag of an account. */
    Optional<TemplateBatch> pendingBatch(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_admin_template_batch WHERE account = :a AND "
                + "state = 'pending' ORDER BY id LIMIT 1").bind("a", account)
                .map((rs, ctx) -> new TemplateBatch(rs.getLong("id"), rs.getString("account"),
                        rs.getString("template_id"), rs.getInt("tag_id"), data(rs.getString("data_json")),
                        rs.getString("url"), rs.getString("created_by"))).findOne());
    }

    /** Drops pending batches of an account (the job could not be started). */
    void cancelBatch(long id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_template_batch SET state = 'cancelled' WHERE id = :id")
                .bind("id", id).execute());
    }

    void finishBatch(long id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_admin_template_batch SET state = 'done' WHERE id = :id")
                .bind("id", id).execute());
    }

    /** The followers a batch already has a row for (a resumed job skips them). */
    Set<String> batchOpenids(long batchId) {
        return new HashSet<>(jdbi.withHandle(h -> h.createQuery("SELECT openid FROM wx_admin_template_send WHERE "
                + "batch_id = :b").bind("b", batchId).mapTo(String.class).list()));
    }

    static String json(Map<String, String> data) {
        try {
            String s = JSON.writeValueAsString(data);
            if (s.length() > MAX_JSON) {
                throw new IllegalArgumentException("template data too long");
            }
            return s;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> data(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException | RuntimeException e) {
            return Map.of();
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
