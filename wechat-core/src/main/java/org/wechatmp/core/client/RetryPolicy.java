package org.wechatmp.core.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a client retries when WeChat is busy (errcode -1, and 45011 "too frequent"): a bounded number of retries with
 * jittered exponential backoff, capped in total time. Quota (45009), IP-whitelist (40164) and authorization (48001)
 * errors are never retried. Token errors are handled separately: one refresh, one retry.
 *
 * @param maxRetries how many times a busy call is repeated
 * @param baseDelay the first delay; each further delay doubles, with full jitter
 * @param maxTotal the most time spent waiting across all retries of one call
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxTotal) {
    /**
     * Validates the values.
     *
     * @param maxRetries retries
     * @param baseDelay first delay
     * @param maxTotal total cap
     */
    public RetryPolicy {
        if (maxRetries < 0 || baseDelay.isNegative() || maxTotal.isNegative()) {
            throw new IllegalArgumentException("retry policy values must not be negative");
        }
    }

    /**
     * Three retries from 200 ms, at most 3 s of waiting.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(3));
    }

    /**
     * No retries.
     *
     * @return the policy
     */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    long delayMillis(int attempt) {
        long cap = baseDelay.toMillis() << Math.min(attempt, 16);
        return cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
    }
}
