package org.wechatmp.core.callback;

import java.time.Instant;

/**
 * Remembers callback nonces within the timestamp window, so a captured request cannot be replayed. A shared
 * implementation makes every node agree.
 */
public interface NonceStore {
    /**
     * Records a nonce if it is new.
     *
     * @param account the account name
     * @param nonce the nonce (with the timestamp, to keep keys unique)
     * @param expiresAt when it may be forgotten
     * @return {@code true} the first time, {@code false} for a reuse
     */
    boolean firstUse(String account, String nonce, Instant expiresAt);
}
