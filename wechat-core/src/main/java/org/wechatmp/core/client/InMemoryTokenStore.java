package org.wechatmp.core.client;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TokenStore} in this JVM's memory: the default, right for one process. Processes that share an account
 * need a shared store (see the storage module).
 */
public final class InMemoryTokenStore implements TokenStore {
    private record Lease(String owner, Instant until) {
    }

    private final ConcurrentMap<String, StoredToken> tokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Lease> leases = new ConcurrentHashMap<>();
    private final Clock clock;

    /** Creates an empty store on the system clock. */
    public InMemoryTokenStore() {
        this(Clock.systemUTC());
    }

    /**
     * Creates an empty store.
     *
     * @param clock the clock that ends leases
     */
    public InMemoryTokenStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<StoredToken> get(String key) {
        return Optional.ofNullable(tokens.get(key));
    }

    @Override
    public boolean tryLease(String key, String owner, Instant until) {
        Lease mine = new Lease(owner, until);
        Instant now = clock.instant();
        Lease result = leases.compute(key, (k, held) ->
                held == null || held.until().isBefore(now) || held.owner().equals(owner) ? mine : held);
        return result == mine;
    }

    @Override
    public void releaseLease(String key, String owner) {
        leases.computeIfPresent(key, (k, held) -> held.owner().equals(owner) ? null : held);
    }

    @Override
    public void put(String key, StoredToken token) {
        tokens.put(key, token);
    }

    @Override
    public boolean expireIf(String key, String failedValue) {
        boolean[] dropped = {false};
        tokens.computeIfPresent(key, (k, t) -> {
            if (t.value().equals(failedValue)) {
                dropped[0] = true;
                return null;
            }
            return t;
        });
        return dropped[0];
    }
}
