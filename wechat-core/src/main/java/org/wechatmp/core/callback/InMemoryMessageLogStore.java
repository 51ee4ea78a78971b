package org.wechatmp.core.callback;

import java.util.ArrayDeque;
import java.util.List;

/** A {@link MessageLogStore} keeping the newest entries in memory, up to a bound. */
public final class InMemoryMessageLogStore implements MessageLogStore {
    private final ArrayDeque<MessageLogEntry> entries = new ArrayDeque<>();
    private final int capacity;

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
            entries.addLast(e);
        }
    }

    /**
     * The entries, oldest first.
     *
     * @return a copy
     */
    public synchronized List<MessageLogEntry> entries() {
        return List.copyOf(entries);
    }
}
