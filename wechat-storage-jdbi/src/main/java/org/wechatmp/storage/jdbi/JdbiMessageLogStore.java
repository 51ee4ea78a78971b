package org.wechatmp.storage.jdbi;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
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

    @Override
    public void append(List<MessageLogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch b = h.prepareBatch("INSERT INTO wx_message_log (account, direction, msg_id, openid, msg_type, "
                    + "event, handler, xml, created_at) VALUES (:a, :d, :m, :o, :t, :e, :h, :x, :c)");
            for (MessageLogEntry e : entries) {
                b.bind("a", e.account()).bind("d", e.direction().name()).bind("m", e.msgId()).bind("o", e.openid())
                        .bind("t", e.msgType()).bind("e", e.event()).bind("h", e.handler()).bind("x", e.xml())
                        .bind("c", e.createdAt().toEpochMilli()).add();
            }
            b.execute();
        });
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
