package org.wechatmp.core.callback;

import java.util.List;

/**
 * Where the message log is written. The callback pipeline calls it off the request thread, in batches.
 */
public interface MessageLogStore {
    /**
     * Appends entries.
     *
     * @param entries the entries, oldest first
     */
    void append(List<MessageLogEntry> entries);
}
