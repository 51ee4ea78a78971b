package org.wechatmp.admin.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles failed sign-ins per username and client address: after {@code maxFailures} failures within
 * {@code window}, further attempts for that pair are refused until {@code window} has passed since the last failure,
 * whatever the password. A success clears the pair.
 */
public final class LoginThrottle {
    private static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {
    }

    /**
     * Creates a throttle.
     *
     * @param clock the clock
     * @param maxFailures failures allowed before the lock
     * @param window how long failures are remembered and the lock lasts
     */
    public LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    private static String key(String username, String address) {
        return (username == null ? "" : username.trim().toLowerCase(Locale.ROOT)) + "|" + address;
    }

    /**
     * Whether an attempt is refused now.
     *
     * @param username the username typed
     * @param address the client address
     * @return whether locked
     */
    public boolean locked(String username, String address) {
        Failures f = failures.get(key(username, address));
        return f != null && f.count() >= maxFailures && clock.instant().isBefore(f.last().plus(window));
    }

    /**
     * Records a failure.
     *
     * @param username the username typed
     * @param address the client address
     */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_ENTRIES) {
            failures.values().removeIf(f -> !now.isBefore(f.last().plus(window)));
        }
        failures.merge(key(username, address), new Failures(1, now),
                (old, one) -> now.isBefore(old.last().plus(window)) ? new Failures(old.count() + 1, now) : one);
    }

    /**
     * Clears a pair after a success.
     *
     * @param username the username
     * @param address the client address
     */
    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }
}
