package org.wechatmp.core.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.metrics.WeChatMetrics;

/**
 * Keeps one credential (the access token, or a JS-SDK ticket) fresh through a {@link TokenStore}: refresh a margin
 * before expiry, one refresh at a time in this process (a lock) and across processes (the store's lease), with a
 * re-check after each acquisition, and compare-and-expire when WeChat rejects a token. {@link #refreshAhead} renews a
 * credential early for the background refresher, through the same lease, without ever waiting.
 */
final class TokenManager {
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration SAFETY = Duration.ofSeconds(10);

    private final String key;
    private final TokenStore store;
    private final Supplier<FetchedToken> source;
    private final Clock clock;
    private final Duration margin;
    private final Duration leaseTtl;
    private final String owner = UUID.randomUUID().toString();
    private final ReentrantLock lock = new ReentrantLock();
    private final String account;
    private final String credential;
    private final WeChatMetrics metrics;

    TokenManager(String key, TokenStore store, Supplier<FetchedToken> source, Clock clock, Duration margin,
            Duration leaseTtl) {
        this(key, store, source, clock, margin, leaseTtl, "", WeChatMetrics.NONE);
    }

    TokenManager(String key, TokenStore store, Supplier<FetchedToken> source, Clock clock, Duration margin,
            Duration leaseTtl, String account, WeChatMetrics metrics) {
        this.key = key;
        this.account = account;
        this.credential = key.substring(key.lastIndexOf(':') + 1);
        this.metrics = metrics;
        this.store = store;
        this.source = source;
        this.clock = clock;
        this.margin = margin;
        this.leaseTtl = leaseTtl;
    }

    /** The current token, refreshed first when missing or within the margin of its expiry. */
    String token() {
        Optional<StoredToken> current = store.get(key);
        if (current.isPresent() && isFresh(current.get())) {
            return current.get().value();
        }
        lock.lock();
        try {
            return refreshLocked();
        } finally {
            lock.unlock();
        }
    }

    private String refreshLocked() {
        Instant deadline = clock.instant().plus(leaseTtl.multipliedBy(2));
        while (true) {
            Optional<StoredToken> current = store.get(key);
            if (current.isPresent() && isFresh(current.get())) {
                return current.get().value();
            }
            if (store.tryLease(key, owner, clock.instant().plus(leaseTtl))) {
                try {
                    // another process may have refreshed between our read and the lease
                    current = store.get(key);
                    if (current.isPresent() && isFresh(current.get())) {
                        return current.get().value();
                    }
                    return fetch(false).value();
                } finally {
                    store.releaseLease(key, owner);
                }
            }
            // someone else is refreshing: a still-usable token is good enough, otherwise wait for theirs
            if (current.isPresent() && isUsable(current.get())) {
                return current.get().value();
            }
            if (clock.instant().isAfter(deadline)) {
                throw new WeChatException("timed out waiting for another process to refresh " + describe());
            }
            sleep();
        }
    }

    /**
     * Renews the credential now if a token is stored and less than {@code window} is left of it (or it expired), and
     * no other caller or process holds the refresh lease. Never waits: a held lease means someone else is renewing.
     *
     * @return whether this call fetched a new token
     */
    boolean refreshAhead(Duration window) {
        Optional<StoredToken> current = store.get(key);
        if (current.isEmpty() || !dueWithin(current.get(), window)) {
            return false;
        }
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (!store.tryLease(key, owner, clock.instant().plus(leaseTtl))) {
                return false;
            }
            try {
                current = store.get(key);
                if (current.isPresent() && !dueWithin(current.get(), window)) {
                    return false; // renewed by another process between our read and the lease
                }
                fetch(true);
                return true;
            } finally {
                store.releaseLease(key, owner);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean dueWithin(StoredToken t, Duration window) {
        return !t.expiresAt().minus(window).isAfter(clock.instant());
    }

    private StoredToken fetch(boolean proactive) {
        long start = System.nanoTime();
        FetchedToken fetched;
        try {
            fetched = source.get();
        } catch (RuntimeException e) {
            metrics.tokenFetchFailed(account, credential, proactive);
            throw e;
        }
        metrics.tokenFetched(account, credential, proactive, Duration.ofNanos(System.nanoTime() - start));
        StoredToken stored = new StoredToken(fetched.value(), clock.instant().plus(fetched.expiresIn()));
        store.put(key, stored);
        return stored;
    }

    /** Drops the token WeChat rejected, unless a newer one is already stored. */
    boolean invalidate(String failed) {
        return store.expireIf(key, failed);
    }

    private boolean isFresh(StoredToken t) {
        return t.expiresAt().minus(margin).isAfter(clock.instant());
    }

    private boolean isUsable(StoredToken t) {
        return t.expiresAt().minus(SAFETY).isAfter(clock.instant());
    }

    private String describe() {
        int colon = key.lastIndexOf(':');
        return colon < 0 ? "the token" : "the " + key.substring(colon + 1).replace('_', ' ');
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatException("interrupted while waiting for a token refresh", e);
        }
    }
}
