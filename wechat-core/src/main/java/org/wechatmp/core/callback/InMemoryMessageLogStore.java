package org.wechatmp.core.callback;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.wechatmp.core.spi.Page;

/** A {@link MessageLogStore} keeping the newest entries in memory, up to a bound. */
public final class InMemoryMessageLogStore implements MessageLogStore {
    private static final Comparator<LoggedMessage> NEWEST = Comparator
            .comparing((LoggedMessage m) -> m.entry().createdAt()).thenComparingLong(LoggedMessage::id).reversed();
    private final ArrayDeque<LoggedMessage> entries = new ArrayDeque<>();
    private final int capacity;
    private long ids;

    /** Keeps the newest 10,000 entries. */
    public InMemoryMessageLogStore() {
        this(10_000);
    }

    /**
     * Keeps the newest entries up to a bound.
     *
     * @param capacity the bound
     */
    public InMemoryMessageLogStore(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void append(List<MessageLogEntry> batch) {
        for (MessageLogEntry e : batch) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(new LoggedMessage(++ids, e));
        }
    }

    @Override
    public synchronized Page<LoggedMessage> query(String account, MessageLogQuery query) {
        List<LoggedMessage> all = new ArrayList<>();
        for (Iterator<LoggedMessage> it = entries.descendingIterator(); it.hasNext();) {
            LoggedMessage m = it.next();
            if (m.entry().account().equals(account) && query.matches(m)) {
                all.add(m);
            }
        }
        all.sort(NEWEST);
        int n = Math.min(all.size(), query.page().limit() + 1);
        // the total counts every match of the filters, before the cursor too
        long total = query.page().cursor() == null ? all.size() : countIgnoringCursor(account, query);
        return Page.of(all.subList(0, n), query.page(), total, LoggedMessage::cursor);
    }

    private long countIgnoringCursor(String account, MessageLogQuery q) {
        MessageLogQuery first = new MessageLogQuery(q.direction(), q.msgType(), q.event(), q.handler(), q.openid(),
                q.from(), q.before(), q.content(), q.page().offset(0));
        return entries.stream().filter(m -> m.entry().account().equals(account) && first.matches(m)).count();
    }

    /**
     * The entries, oldest first.
     *
     * @return a copy
     */
    public synchronized List<MessageLogEntry> entries() {
        return entries.stream().map(LoggedMessage::entry).toList();
    }
}
