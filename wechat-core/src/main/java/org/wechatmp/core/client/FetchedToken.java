package org.wechatmp.core.client;

import java.time.Duration;
import java.util.Objects;

/**
 * A token as a {@link TokenSource} obtained it: the value and how long WeChat says it lives.
 *
 * @param value the access token
 * @param expiresIn its lifetime from now
 */
public record FetchedToken(String value, Duration expiresIn) {
    /**
     * Validates the fields.
     *
     * @param value the token
     * @param expiresIn the lifetime
     */
    public FetchedToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }

    @Override
    public String toString() {
        return "FetchedToken[expiresIn=" + expiresIn + "]";
    }
}
