package org.wechatmp.core.sync;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SyncStateStore} in memory. */
public final class InMemorySyncStateStore implements SyncStateStore {
    private final Map<String, SyncState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<SyncState> get(String account, String kind) {
        return Optional.ofNullable(states.get(account + '\u0000' + kind));
    }

    @Override
    public void put(SyncState state) {
        states.put(state.account() + '\u0000' + state.kind(), state);
    }
}
