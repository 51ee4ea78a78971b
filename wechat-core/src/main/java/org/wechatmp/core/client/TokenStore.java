package org.wechatmp.core.client;

import java.time.Instant;
import java.util.Optional;

/**
 * Where access tokens and JS-SDK tickets live, shared by every client of an account.
 *
 * <p>The protocol makes one refresh per expiry possible even across processes: a client that finds the token
 * missing or near expiry takes a <em>lease</em> on the key with {@link #tryLease}; only the lease holder fetches a
 * new token and {@link #put}s it; the others wait and read. A token rejected by WeChat is dropped with
 * {@link #expireIf}, which compares values, so a stale failure never drops a newer token. A shared implementation
 * (a database, Redis) makes these operations atomic across processes; the in-memory one does so within one JVM.
 *
 * <p>Keys are opaque strings chosen by the client, e.g. {@code wx123:access_token}.
 */
public interface TokenStore {

    /**
     * Reads a token.
     *
     * @param key the key
     * @return the token, if one is stored (it may be expired)
     */
    Optional<StoredToken> get(String key);

    /**
     * Tries to take the refresh lease on a key. It succeeds when no lease is held or the held one has ended.
     *
     * @param key the key
     * @param owner a unique id of the caller
     * @param until when the lease ends by itself if never released (a crashed holder must not block forever)
     * @return whether the caller now holds the lease
     */
    boolean tryLease(String key, String owner, Instant until);

    /**
     * Releases a lease if {@code owner} holds it.
     *
     * @param key the key
     * @param owner the caller's id
     */
    void releaseLease(String key, String owner);

    /**
     * Stores a freshly fetched token.
     *
     * @param key the key
     * @param token the token
     */
    void put(String key, StoredToken token);

    /**
     * Drops the token only if its value is {@code failedValue} (compare-and-expire).
     *
     * @param key the key
     * @param failedValue the token WeChat rejected
     * @return whether a token was dropped
     */
    boolean expireIf(String key, String failedValue);
}
