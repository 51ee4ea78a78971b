package org.wechatmp.storage.jdbi;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.callback.MessageLogStore;

/**
 * The message log in {@code wx_message_log}, indexed by (account, time). Entries arrive in batches from the
 * pipeline's bounded queue and go in with one batched insert.
 */
public final class JdbiMessageLogStore implements MessageLogStore {
    private final Jdbi jdbi;

    JdbiMessageLogStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Stores a batch in one transaction: all of it or, on a failure, none of it, with a {@link WeChatException}
     * naming the batch size and the database's reason. Openids up to 255 characters and XML of any size fit; the
     * summary columns (type, event, handler) are cut to their size, their full values being in the XML.
     *
     * @param entries the entries
     */
    @Override
    public void append(List<MessageLogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            jdbi.useTransaction(h -> {
                PreparedBatch b = h.prepareBatch("INSERT INTO wx_message_log (account, direction, msg_id, openid, "
                        + "msg_type, event, handler, xml, created_at) VALUES (:a, :d, :m, :o, :t, :e, :h, :x, :c)");
                for (MessageLogEntry e : entries) {
                    b.bind("a", e.account()).bind("d", e.direction().name()).bind("m", e.msgId())
                            .bind("o", e.openid()).bind("t", cut(e.msgType(), 32)).bind("e", cut(e.event(), 64))
                            .bind("h", cut(e.handler(), 128)).bind("x", e.xml())
                            .bind("c", e.createdAt().toEpochMilli()).add();
                }
                b.execute();
            });
        } catch (RuntimeException e) {
            throw new WeChatException("message log: a batch of " + entries.size() + " entries was not stored: "
                    + reason(e), e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The database's own message, without the statement (which would carry the logged XML). */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof java.sql.SQLException)) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int line = m.indexOf('\n');
        m = line < 0 ? m : m.substring(0, line);
        return m.length() <= 300 ? m : m.substring(0, 300) + "...";
    }

    /**
     * The newest entries of an account.
     *
     * @param account the account
     * @param limit how many
     * @return the entries, newest first
     */
    public List<MessageLogEntry> recent(String account, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_message_log WHERE account = :a ORDER BY created_at "
                + "DESC, id DESC").bind("a", account).setMaxRows(limit).map((rs, ctx) -> new MessageLogEntry(
                        rs.getString("account"), MessageLogEntry.Direction.valueOf(rs.getString("direction")),
                        rs.getLong("msg_id"), rs.getString("openid"), rs.getString("msg_type"), rs.getString("event"),
                        rs.getString("handler"), rs.getString("xml"),
                        java.time.Instant.ofEpochMilli(rs.getLong("created_at")))).list());
    }
}
