package org.wechatmp.storage.jdbi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.callback.LoggedMessage;
import org.wechatmp.core.callback.MessageLogEntry;
import org.wechatmp.core.callback.MessageLogQuery;
import org.wechatmp.core.callback.MessageLogStore;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;

/**
 * The message log in {@code wx_message_log}, indexed by (account, time) and (account, openid, time, id). Entries
 * arrive in batches from the pipeline's bounded queue and go in with one {@code COPY} on PostgreSQL (one statement for
 * the batch) and one batched insert elsewhere, each batch one ordinary, durable transaction. Reads are newest first and
 * keyset paged, so the thousandth page costs what the first does.
 */
final class JdbiMessageLogStore implements MessageLogStore {
    private final Jdbi jdbi;
    private final Dialect dialect;

    JdbiMessageLogStore(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
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
            if (dialect.postgres()) {
                // COPY: one statement for the batch, in an ordinary (durable) transaction
                List<Object[]> rows = new ArrayList<>(entries.size());
                for (MessageLogEntry e : entries) {
                    rows.add(new Object[] {e.account(), e.direction().name(), e.msgId(), e.openid(),
                        Sql.cut(e.msgType(), 32), Sql.cut(e.event(), 64), Sql.cut(e.handler(), 128), e.xml(),
                        e.createdAt().toEpochMilli()});
                }
                jdbi.useTransaction(h -> PgCopy.copy(h.getConnection(), "wx_message_log (account, direction, "
                        + "msg_id, openid, msg_type, event, handler, xml, created_at)", rows));
                return;
            }
            jdbi.useTransaction(h -> {
                PreparedBatch b = h.prepareBatch("INSERT INTO wx_message_log (account, direction, msg_id, openid, "
                        + "msg_type, event, handler, xml, created_at) VALUES (:a, :d, :m, :o, :t, :e, :h, :x, :c)");
                for (MessageLogEntry e : entries) {
                    b.bind("a", e.account()).bind("d", e.direction().name()).bind("m", e.msgId())
                            .bind("o", e.openid()).bind("t", Sql.cut(e.msgType(), 32)).bind("e", Sql.cut(e.event(), 64))
                            .bind("h", Sql.cut(e.handler(), 128)).bind("x", e.xml())
                            .bind("c", e.createdAt().toEpochMilli()).add();
                }
                b.execute();
            });
        } catch (RuntimeException e) {
            throw new WeChatException("message log: a batch of " + entries.size() + " entries was not stored: "
                    + reason(e), e);
        }
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

    @Override
    public Page<LoggedMessage> query(String account, MessageLogQuery q) {
        Map<String, Object> params = new HashMap<>();
        params.put("a", account);
        StringBuilder where = new StringBuilder("FROM wx_message_log WHERE account = :a");
        if (q.direction() != null) {
            where.append(" AND direction = :d");
            params.put("d", q.direction().name());
        }
        if (q.msgType() != null) {
            where.append(" AND msg_type = :t");
            params.put("t", q.msgType());
        }
        if (q.event() != null) {
            where.append(" AND event = :e");
            params.put("e", q.event());
        }
        if (q.handler() != null) {
            where.append(" AND handler = :h");
            params.put("h", q.handler());
        }
        if (q.openid() != null) {
            where.append(" AND openid = :o");
            params.put("o", q.openid());
        }
        if (q.from() != null) {
            where.append(" AND created_at >= :from");
            params.put("from", q.from().toEpochMilli());
        }
        if (q.before() != null) {
            where.append(" AND created_at < :before");
            params.put("before", q.before().toEpochMilli());
        }
        if (q.content() != null) {
            where.append(" AND xml ").append(dialect.ilike()).append(" :text ESCAPE '!'");
            params.put("text", Dialect.containsPattern(q.content()));
        }
        // keyset: continue strictly after (created_at, id) of the previous page's last line
        StringBuilder pageWhere = new StringBuilder(where);
        Map<String, Object> pageParams = new HashMap<>(params);
        PageRequest page = q.page();
        if (page.cursor() != null) {
            MessageLogQuery.Cursor c = MessageLogQuery.Cursor.parse(page.cursor());
            pageWhere.append(" AND created_at <= :ct AND (created_at < :ct OR id < :cid)");
            pageParams.put("ct", c.createdAtMillis());
            pageParams.put("cid", c.id());
        }
        String sql = "SELECT * " + pageWhere + " ORDER BY created_at DESC, id DESC LIMIT " + (page.limit() + 1);
        return jdbi.withHandle(h -> {
            List<LoggedMessage> rows = h.createQuery(sql).bindMap(pageParams).map((rs, ctx) -> new LoggedMessage(
                    rs.getLong("id"), new MessageLogEntry(rs.getString("account"),
                            MessageLogEntry.Direction.valueOf(rs.getString("direction")), rs.getLong("msg_id"),
                            rs.getString("openid"), rs.getString("msg_type"), rs.getString("event"),
                            rs.getString("handler"), rs.getString("xml"),
                            Instant.ofEpochMilli(rs.getLong("created_at"))))).list();
            return Dialect.page(rows, page, () -> Dialect.countUpTo(h, where.toString(), params, page.countLimit()),
                    LoggedMessage::cursor);
        });
    }
}
