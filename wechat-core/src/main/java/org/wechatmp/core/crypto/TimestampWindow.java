package org.wechatmp.core.crypto;

import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_TIMESTAMP;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Refuses callbacks whose {@code timestamp} is too far from now, so a captured request cannot be replayed later.
 * The clock is injectable for tests; the default tolerance is ±180 seconds, as in wechat_django.
 */
public final class TimestampWindow {
    /** The default tolerance. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(180);

    private final Clock clock;
    private final long toleranceSeconds;

    private TimestampWindow(Clock clock, Duration tolerance) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        this.toleranceSeconds = tolerance.getSeconds();
    }

    /**
     * The window with the system clock and the default tolerance.
     *
     * @return the window
     */
    public static TimestampWindow defaults() {
        return new TimestampWindow(Clock.systemUTC(), DEFAULT_TOLERANCE);
    }

    /**
     * A window with a given clock and tolerance.
     *
     * @param clock the clock
     * @param tolerance how far a timestamp may be from now, either way
     * @return the window
     */
    public static TimestampWindow of(Clock clock, Duration tolerance) {
        return new TimestampWindow(clock, tolerance);
    }

    /**
     * The tolerance.
     *
     * @return how far a timestamp may be from now
     */
    public Duration tolerance() {
        return Duration.ofSeconds(toleranceSeconds);
    }

    /**
     * The clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Checks a {@code timestamp} parameter.
     *
     * @param timestamp seconds since the epoch, as sent
     * @return the parsed seconds
     * @throws WeChatCryptoException with {@code BAD_TIMESTAMP} when missing, not a number, or outside the window
     */
    public long check(String timestamp) {
        long ts;
        try {
            ts = Long.parseLong(Objects.requireNonNull(timestamp, "timestamp").trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new WeChatCryptoException(BAD_TIMESTAMP, "timestamp is missing or not a number");
        }
        long now = clock.millis() / 1000L;
        // overflow-safe: a caller may send anything (Long.MIN_VALUE + now made Math.abs(now - ts) negative)
        boolean outside;
        try {
            long diff = Math.subtractExact(now, ts);
            outside = diff > toleranceSeconds || diff < -toleranceSeconds;
        } catch (ArithmeticException e) {
            outside = true;
        }
        if (outside) {
            throw new WeChatCryptoException(BAD_TIMESTAMP, "timestamp is outside the allowed window");
        }
        return ts;
    }
}
