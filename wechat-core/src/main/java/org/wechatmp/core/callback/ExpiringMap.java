package org.wechatmp.core.callback;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A concurrent map whose entries are written once (or replaced whole) and forgotten in the order they were written:
 * when they expire, or, past {@code maximumSize}, oldest first. This is what nonces and dedupe records need: each is
 * written once, read at most a few times within seconds, and never worth keeping over a newer one, so a general
 * cache's frequency-based eviction is wasted work (Caffeine's W-TinyLFU maintenance took a quarter of the request
 * threads' CPU in the load benchmark once its bound was reached). Every write enqueues its entry and every sixteenth
 * sweeps from the head (amortised O(1): each entry is dequeued once); an expired entry still in the map reads as
 * absent.
 *
 * @param <V> the value type
 */
final class ExpiringMap<V> {
    /** An entry: its value may be replaced in place (the expiry may not). */
    static final class Slot<V> {
        private final String key;
        private final long expiresAtMillis;
        private volatile V value;

        Slot(String key, V value, long expiresAtMillis) {
            this.key = key;
            this.value = value;
            this.expiresAtMillis = expiresAtMillis;
        }

        V value() {
            return value;
        }

        void value(V v) {
            this.value = v;
        }

        long expiresAtMillis() {
            return expiresAtMillis;
        }
    }

    private final ConcurrentHashMap<String, Slot<V>> map = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Slot<V>> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final long maximumSize;
    private final LongSupplier millis;

    ExpiringMap(long maximumSize, LongSupplier millis) {
        this.maximumSize = maximumSize;
        this.millis = millis;
    }

    /**
     * Writes an entry unless a live one holds the key.
     *
     * @return the live entry that holds the key, or {@code null} when this one was written
     */
    Slot<V> putIfAbsent(String key, V value, long expiresAtMillis) {
        Slot<V> mine = new Slot<>(key, value, expiresAtMillis);
        while (true) {
            Slot<V> held = map.putIfAbsent(key, mine);
            if (held == null) {
                written(mine);
                return null;
            }
            if (held.expiresAtMillis > millis.getAsLong()) {
                return held;
            }
            if (map.replace(key, held, mine)) {
                written(mine);
                return null;
            }
        }
    }

    /** Writes an entry, replacing any. */
    void put(String key, V value, long expiresAtMillis) {
        Slot<V> mine = new Slot<>(key, value, expiresAtMillis);
        map.put(key, mine);
        written(mine);
    }

    /** The live entry of a key, or {@code null}. */
    Slot<V> get(String key) {
        Slot<V> s = map.get(key);
        return s == null || s.expiresAtMillis <= millis.getAsLong() ? null : s;
    }

    private void written(Slot<V> slot) {
        order.add(slot);
        // a sweep every 16 writes: the same removals, a sixteenth of the lock traffic; the bound may be passed by
        // the writes between two sweeps (a few dozen entries: a sweep is skipped while another one runs)
        if ((queued.incrementAndGet() & 15) == 0) {
            sweep();
        }
    }

    /** Forgets expired entries from the head, and the oldest past the bound; one thread at a time, others skip. */
    void sweep() {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            long now = millis.getAsLong();
            Slot<V> head;
            while ((head = order.peek()) != null && (head.expiresAtMillis <= now || queued.get() > maximumSize)) {
                order.poll();
                queued.decrementAndGet();
                map.remove(head.key, head);
            }
        } finally {
            sweeping.unlock();
        }
    }

    /** Live entries after a sweep (counts the map: for tests). */
    long size() {
        sweep();
        long now = millis.getAsLong();
        return map.values().stream().filter(s -> s.expiresAtMillis > now).count();
    }
}
