package org.wechatmp.core.callback;

import java.util.List;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;

/**
 * Where the message log is written and read. The callback pipeline appends off the request thread, in batches.
 *
 * <p>Read side: {@link #query}, {@link #thread}. Write side: {@link #append}.
 */
public interface MessageLogStore {
    /**
     * Appends entries.
     *
     * @param entries the entries, oldest first
     */
    void append(List<MessageLogEntry> entries);

    /**
     * A page of log lines matching a query, newest first, keyset paged.
     *
     * @param account the account name
     * @param query the filters and page
     * @return the page; its {@link Page#nextCursor()} continues the query
     */
    Page<LoggedMessage> query(String account, MessageLogQuery query);

    /**
     * The conversation with one user, newest first, keyset paged.
     *
     * @param account the account name
     * @param openid the user
     * @param page the page; continue with {@link PageRequest#after} and the previous page's cursor
     * @return the page
     */
    default Page<LoggedMessage> thread(String account, String openid, PageRequest page) {
        return query(account, MessageLogQuery.thread(openid, page));
    }
}
