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
 * grows with the rate (quadratic in the end). Here every entry also goes into an insertion-ordered queue, and expired
 * entries are taken off its head: the work per delivery stays constant. The TTLs are constant, so the queue is in
 * expiry order; an entry renewed with a later expiry is left alone (its map value no longer matches).
 */
final class ExpiryQueueStores implements NonceStore, Deduplicator {
    private record Entry(Status status, long expiresAt) {
    }

    private record Expiry(Map<String, ?> map, String key, Object value, long expiresAt) {
    }

    private final Map<String, Long> nonces = new ConcurrentHashMap<>();
    private final Map<String, Entry> messages = new ConcurrentHashMap<>();
    private final Queue<Expiry> expiries = new ConcurrentLinkedQueue<>();
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
        expiries.add(new Expiry(nonces, key, mine, mine));
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
        expiries.add(new Expiry(messages, key, mine, mine.expiresAt()));
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
        expiries.add(new Expiry(messages, key, done, done.expiresAt()));
    }

    /** Takes expired entries off the head of the queue; one thread at a time, the others go on. */
    private void sweep(long now) {
        Expiry head = expiries.peek();
        if (head == null || head.expiresAt() >= now || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Expiry e = expiries.peek(); e != null && e.expiresAt() < now; e = expiries.peek()) {
                expiries.poll();
                e.map().remove(e.key(), e.value());
            }
        } finally {
            sweeping.set(false);
        }
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
        expiries.clear();
    }
}
