package org.wechatmp.core.sync;

import java.util.Optional;

/** Keeps the {@link SyncState} of each account and kind, so an interrupted sync can resume and be reported. */
public interface SyncStateStore {
    /**
     * Reads a state.
     *
     * @param account the account name
     * @param kind the kind
     * @return the state, if any
     */
    Optional<SyncState> get(String account, String kind);

    /**
     * Writes a state.
     *
     * @param state the state
     */
    void put(SyncState state);
}
