package org.wechatmp.core.callback;

import java.time.Instant;
import java.util.Optional;

/**
 * A store that is both the {@link NonceStore} and the {@link Deduplicator} and can record a delivery's nonce and
 * claim its message key in one round trip (a shared database answers a delivery with one statement instead of two).
 * The callback uses {@link #admit} when the same object was configured as both stores; the result must be exactly
 * what {@link NonceStore#firstUse} followed (only for a fresh nonce) by {@link Deduplicator#begin} would give.
 */
public interface DeliveryGate extends Deduplicator, NonceStore {
    /**
     * Records a nonce and, only if it was new, claims the message key.
     *
     * @param account the account name
     * @param nonce the nonce (with the timestamp)
     * @param nonceExpiresAt when the nonce may be forgotten
     * @param key the message key
     * @param keyExpiresAt when the key's record may be forgotten
     * @return the key's status when the nonce was new; empty when the nonce was reused (nothing was claimed)
     */
    default Optional<Status> admit(String account, String nonce, Instant nonceExpiresAt, String key,
            Instant keyExpiresAt) {
        if (!firstUse(account, nonce, nonceExpiresAt)) {
            return Optional.empty();
        }
        return Optional.of(begin(key, keyExpiresAt));
    }
}
