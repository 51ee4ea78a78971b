package org.wechatmp.core.callback;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * In-memory {@link NonceStore} and {@link Deduplicator} for one process. Each entry expires at the instant it was
 * given, and each store holds at most {@code maximumSize} entries; past the bound the oldest entries go first, before
 * their time: an evicted dedupe record lets a later redelivery of that message run its handler again, and an evicted
 * nonce is no longer known to the nonce check (a replay of it can still only be answered from a dedupe record or run
 * as a new message). Size the bound for the traffic of the longest TTL (the nonce window, 6 minutes by default); the
 * default is 200,000 per store. The dedupe records' replies are held up to at least 512 bytes per record of the
 * bound on average (at most 128 MiB for the default bound, each stripe's share rounded up to a power of two; taken
 * only as replies arrive); past that the oldest replies go, and their records with them (read as absent, never as
 * another message's reply).
 *
 * <p>The stores keep keys as 128-bit hashes in primitive tables and replies as bytes in a ring (see
 * {@code ExpiringMap}): no entry is an object. Expiry is O(1) amortised: nothing walks the whole store, an expired
 * entry reads as absent and goes at the next rebuild of its part of the table. A store that reaches its bound with
 * more than 7/8 of it live forgets its oldest entries down to half the bound in one step.
 */
public final class InMemoryStores implements NonceStore, Deduplicator {
    /** The default maximum number of entries per store. */
    public static final long DEFAULT_MAXIMUM_SIZE = 200_000;

    /** The reply bytes held per record on average before the oldest replies go early. */
    static final long REPLY_BYTES_PER_ENTRY = 512;

    private static final Status CLAIMED = new Status(State.CLAIMED, "");
    private static final Status IN_PROGRESS = new Status(State.IN_PROGRESS, "");

    private final ExpiringMap nonces;
    private final ExpiringMap messages;

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
     * @param clock the clock that expires entries
     * @param maximumSize the most entries each store holds
     */
    public InMemoryStores(Clock clock, long maximumSize) {
        Objects.requireNonNull(clock, "clock");
        if (maximumSize <= 0) {
            throw new IllegalArgumentException("maximumSize must be positive");
        }
        LongSupplier millis = clock.equals(Clock.systemUTC()) ? System::currentTimeMillis : clock::millis;
        this.nonces = new ExpiringMap(maximumSize, millis, 0);
        this.messages = new ExpiringMap(maximumSize, millis,
                Math.min(maximumSize, Long.MAX_VALUE / REPLY_BYTES_PER_ENTRY) * REPLY_BYTES_PER_ENTRY);
    }

    @Override
    public boolean firstUse(String account, String nonce, Instant expiresAt) {
        return nonces.addIfAbsent(account, nonce, expiresAt.toEpochMilli());
    }

    @Override
    public Status begin(String key, Instant expiresAt) {
        Status held = messages.putIfAbsent(key, IN_PROGRESS, expiresAt.toEpochMilli());
        return held == null ? CLAIMED : held;
    }

    @Override
    public Optional<Status> get(String key) {
        return Optional.ofNullable(messages.get(key));
    }

    /**
     * Records the reply: in place in the record the claim made when it has the same expiry (no second write per
     * delivery), otherwise as a new record.
     */
    @Override
    public void finish(String key, String reply, Instant expiresAt) {
        Status done = new Status(State.DONE, reply == null ? "" : reply);
        if (!messages.replace(key, done, expiresAt.toEpochMilli())) {
            messages.put(key, done, expiresAt.toEpochMilli());
        }
    }

    /** The number of live entries held, after a sweep; for tests. */
    long size() {
        return nonces.size() + messages.size();
    }
}
