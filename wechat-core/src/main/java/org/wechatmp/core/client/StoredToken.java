package org.wechatmp.core.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A credential kept in a {@link TokenStore}: an access token or a JS-SDK ticket, with its expiry.
 *
 * @param value the token
 * @param expiresAt when WeChat stops accepting it
 */
public record StoredToken(String value, Instant expiresAt) {
    /**
     * Validates the fields.
     *
     * @param value the token
     * @param expiresAt the expiry
     */
    public StoredToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Hides the value.
     *
     * @return a description without the token
     */
    @Override
    public String toString() {
        return "StoredToken[expiresAt=" + expiresAt + "]";
    }
}
