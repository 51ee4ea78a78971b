package org.wechatmp.core.callback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * In-memory {@link NonceStore} and {@link Deduplicator} for one process, on two Caffeine caches: each entry expires
 * at the instant it was given (O(1) amortised, on Caffeine's timer wheel, no sweep over the whole map) and each cache
 * holds at most {@code maximumSize} entries. Past that bound Caffeine evicts entries early: an evicted dedupe record
 * lets a later redelivery of that message run its handler again, and an evicted nonce is no longer known to the
 * nonce check (a replay of it can still only be answered from a dedupe record or run as a new message). Size the
 * bound for the traffic of the longest TTL (the nonce window, 6 minutes by default); the default is 200,000 per
 * cache (about 130 MiB when both are full, as a dedupe record holds its reply XML).
 */
public final class InMemoryStores implements NonceStore, Deduplicator {
    /** The default maximum number of entries per cache. */
    public static final long DEFAULT_MAXIMUM_SIZE = 200_000;

    private static final Status CLAIMED = new Status(State.CLAIMED, "");
    private static final Status IN_PROGRESS = new Status(State.IN_PROGRESS, "");

    /**
     * A dedupe record. {@link #finish} sets the status of the record its claim made in place (a cache read, not a
     * second cache write per delivery); the expiry is fixed at the claim.
     */
    private static final class Entry {
        private final Instant expiresAt;
        private volatile Status status;

        Entry(Status status, Instant expiresAt) {
            this.status = status;
            this.expiresAt = expiresAt;
        }

        Status status() {
            return status;
        }

        Instant expiresAt() {
            return expiresAt;
        }
    }

    private final Cache<String, Instant> nonces;
    private final Cache<String, Entry> messages;
    private final Clock clock;

    /** Creates the stores on the system clock, with the default size bound. */
    public InMemoryStores() {
        this(Clock.systemUTC(), DEFAULT_MAXIMUM_SIZE);
    }

    /**
     * Creates the stores with the default size bound.
     *
     * @param clock the clock that expires entries
     */
    public InMemoryStores(Clock clock) {
        this(clock, DEFAULT_MAXIMUM_SIZE);
    }

    /**
     * Creates the stores. Entries expire on {@code clock}: a test moves the clock and the entries go.
     *
     * @param clock the clock that expires entries (Caffeine's ticker reads it)
     * @param maximumSize the most entries each cache holds
     */
    public InMemoryStores(Clock clock, long maximumSize) {
        this(clock, clock.equals(Clock.systemUTC()) ? Ticker.systemTicker()
                : () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()), maximumSize);
    }

    InMemoryStores(Clock clock, Ticker ticker, long maximumSize) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maximumSize <= 0) {
            throw new IllegalArgumentException("maximumSize must be positive");
        }
        this.nonces = cache(ticker, maximumSize, t -> t);
        this.messages = cache(ticker, maximumSize, Entry::expiresAt);
    }

    private <V> Cache<String, V> cache(Ticker ticker, long maximumSize, Function<V, Instant> expiresAt) {
        return Caffeine.newBuilder().ticker(ticker).maximumSize(maximumSize).expireAfter(new Expiry<String, V>() {
            @Override
            public long expireAfterCreate(String key, V value, long currentTime) {
                return nanosUntil(expiresAt.apply(value));
            }

            @Override
            public long expireAfterUpdate(String key, V value, long currentTime, long currentDuration) {
                return nanosUntil(expiresAt.apply(value));
            }

            @Override
            public long expireAfterRead(String key, V value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    private long nanosUntil(Instant expiresAt) {
        long millis = expiresAt.toEpochMilli() - clock.millis();
        return millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Override
    public boolean firstUse(String account, String nonce, Instant expiresAt) {
        return nonces.asMap().putIfAbsent(account + '\u0000' + nonce, expiresAt) == null;
    }

    @Override
    public Status begin(String key, Instant expiresAt) {
        Entry mine = new Entry(IN_PROGRESS, expiresAt);
        Entry held = messages.asMap().putIfAbsent(key, mine);
        return held == null ? CLAIMED : held.status();
    }

    @Override
    public Optional<Status> get(String key) {
        Entry e = messages.getIfPresent(key);
        return e == null ? Optional.empty() : Optional.of(e.status());
    }

    @Override
    public void finish(String key, String reply, Instant expiresAt) {
        Status done = new Status(State.DONE, reply == null ? "" : reply);
        Entry claimed = messages.getIfPresent(key);
        if (claimed != null && claimed.expiresAt().equals(expiresAt)) {
            claimed.status = done;
            return;
        }
        messages.put(key, new Entry(done, expiresAt));
    }

    /** The number of entries held, after pending expiry work; for tests. */
    long size() {
        nonces.cleanUp();
        messages.cleanUp();
        return nonces.estimatedSize() + messages.estimatedSize();
    }
}
