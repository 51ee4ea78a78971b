package org.wechatmp.core.callback;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory {@link NonceStore} and {@link Deduplicator} for one process. Entries expire and are swept as new ones
 * arrive, so memory stays bounded by the traffic of the window.
 */
public final class InMemoryStores implements NonceStore, Deduplicator {
    private record Entry(Status status, Instant expiresAt) {
    }

    private final Map<String, Instant> nonces = new ConcurrentHashMap<>();
    private final Map<String, Entry> messages = new ConcurrentHashMap<>();
    private final AtomicLong operations = new AtomicLong();
    private final Clock clock;

    /** Creates the stores on the system clock. */
    public InMemoryStores() {
        this(Clock.systemUTC());
    }

    /**
     * Creates the stores.
     *
     * @param clock the clock that expires entries
     */
    public InMemoryStores(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String account, String nonce, Instant expiresAt) {
        sweep();
        Instant now = clock.instant();
        String key = account + '\u0000' + nonce;
        boolean[] first = {false};
        nonces.compute(key, (k, old) -> {
            if (old == null || old.isBefore(now)) {
                first[0] = true;
                return expiresAt;
            }
            return old;
        });
        return first[0];
    }

    @Override
    public Status begin(String key, Instant expiresAt) {
        sweep();
        Instant now = clock.instant();
        Entry mine = new Entry(new Status(State.IN_PROGRESS, ""), expiresAt);
        Entry held = messages.compute(key, (k, old) -> old == null || old.expiresAt().isBefore(now) ? mine : old);
        return held == mine ? new Status(State.CLAIMED, "") : held.status();
    }

    @Override
    public Optional<Status> get(String key) {
        Entry e = messages.get(key);
        return e == null || e.expiresAt().isBefore(clock.instant()) ? Optional.empty() : Optional.of(e.status());
    }

    @Override
    public void finish(String key, String reply, Instant expiresAt) {
        messages.put(key, new Entry(new Status(State.DONE, reply == null ? "" : reply), expiresAt));
    }

    private void sweep() {
        if ((operations.incrementAndGet() & 1023) == 0) {
            Instant now = clock.instant();
            nonces.values().removeIf(t -> t.isBefore(now));
            messages.values().removeIf(e -> e.expiresAt().isBefore(now));
        }
    }
}
