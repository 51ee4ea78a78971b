package org.wechatmp.core.callback;

import java.util.Objects;

/**
 * A stored line of the message log with its id.
 *
 * @param id the store's id; increases with each appended entry
 * @param entry the entry
 */
public record LoggedMessage(long id, MessageLogEntry entry) {
    /**
     * Validates.
     *
     * @param id the store's id; increases with each appended entry
     * @param entry the entry
     */
    public LoggedMessage {
        Objects.requireNonNull(entry, "entry");
    }

    /**
     * The keyset cursor that continues after this line (newest first: older lines follow).
     *
     * @return the cursor
     */
    public String cursor() {
        return new MessageLogQuery.Cursor(entry.createdAt().toEpochMilli(), id).toString();
    }
}
