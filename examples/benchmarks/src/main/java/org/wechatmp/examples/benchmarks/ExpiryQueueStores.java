package org.wechatmp.examples.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.callback.NonceStore;

/**
 * A proposed in-memory dedupe and nonce store, measured beside the default one by {@link LoadBenchmark}. The default
 * scans both whole maps every 1,024 operations, so under steady load each delivery pays for a share of a scan that
 * grows with the rate (quadratic in the end). Here every entry also goes into an insertion-ordered queue (one per
 * map), and expired entries are taken off its head: the work per delivery stays constant. Each map's TTL is constant,
 * so its queue is in expiry order; an entry renewed with a later expiry is left alone (its map value no longer
 * matches).
 */
final class ExpiryQueueStores implements NonceStore, Deduplicator {
    private record Entry(Status status, long expiresAt) {
    }

    private record Expiry(String key, Object value, long expiresAt) {
    }

    private final Map<String, Long> nonces = new ConcurrentHashMap<>();
    private final Map<String, Entry> messages = new ConcurrentHashMap<>();
    private final Queue<Expiry> nonceExpiries = new ConcurrentLinkedQueue<>();
    private final Queue<Expiry> messageExpiries = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final Clock clock;

    ExpiryQueueStores(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String account, String nonce, Instant expiresAt) {
        long now = clock.millis();
        sweep(now);
        String key = account + '\u0000' + nonce;
        Long mine = expiresAt.toEpochMilli();
        Long held = nonces.compute(key, (k, old) -> old == null || old < now ? mine : old);
        if (held != mine) {
            return false;
        }
        nonceExpiries.add(new Expiry(key, mine, mine));
        return true;
    }

    @Override
    public Status begin(String key, Instant expiresAt) {
        long now = clock.millis();
        sweep(now);
        Entry mine = new Entry(new Status(State.IN_PROGRESS, ""), expiresAt.toEpochMilli());
        Entry held = messages.compute(key, (k, old) -> old == null || old.expiresAt() < now ? mine : old);
        if (held != mine) {
            return held.status();
        }
        messageExpiries.add(new Expiry(key, mine, mine.expiresAt()));
        return new Status(State.CLAIMED, "");
    }

    @Override
    public Optional<Status> get(String key) {
        Entry e = messages.get(key);
        return e == null || e.expiresAt() < clock.millis() ? Optional.empty() : Optional.of(e.status());
    }

    @Override
    public void finish(String key, String reply, Instant expiresAt) {
        Entry done = new Entry(new Status(State.DONE, reply == null ? "" : reply), expiresAt.toEpochMilli());
        messages.put(key, done);
        messageExpiries.add(new Expiry(key, done, done.expiresAt()));
    }

    /** Takes expired entries off the heads of the queues; one thread at a time, the others go on. */
    private void sweep(long now) {
        if (!expired(nonceExpiries, now) && !expired(messageExpiries, now) || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            drain(nonceExpiries, nonces, now);
            drain(messageExpiries, messages, now);
        } finally {
            sweeping.set(false);
        }
    }

    private static boolean expired(Queue<Expiry> queue, long now) {
        Expiry head = queue.peek();
        return head != null && head.expiresAt() < now;
    }

    private static void drain(Queue<Expiry> queue, Map<String, ?> map, long now) {
        for (Expiry e = queue.peek(); e != null && e.expiresAt() < now; e = queue.peek()) {
            queue.poll();
            map.remove(e.key(), e.value());
        }
    }

    /** Live entries in both maps (for tests). */
    int size() {
        return nonces.size() + messages.size();
    }

    /**
     * Checks the semantics the callback relies on before the store is measured.
     */
    void selfCheck() {
        Instant later = clock.instant().plusSeconds(60);
        Instant past = clock.instant().minusSeconds(60);
        boolean ok = firstUse("a", "n", later) && !firstUse("a", "n", later) && firstUse("a", "old", past)
                && firstUse("a", "old", later) && begin("k", later).state() == State.CLAIMED
                && begin("k", later).state() == State.IN_PROGRESS;
        finish("k", "r", later);
        ok &= begin("k", later).equals(new Status(State.DONE, "r")) && get("k").isPresent();
        ok &= begin("old", past).state() == State.CLAIMED && begin("old", later).state() == State.CLAIMED;
        sweep(clock.millis());
        ok &= nonces.size() == 2 && messages.size() == 2;
        if (!ok) {
            throw new IllegalStateException("the proposed in-memory store does not claim as the SPI requires");
        }
        nonces.clear();
        messages.clear();
        nonceExpiries.clear();
        messageExpiries.clear();
    }
}
