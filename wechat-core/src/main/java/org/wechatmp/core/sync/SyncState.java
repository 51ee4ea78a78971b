package org.wechatmp.core.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a sync of one kind (followers, materials, ...) of an account stands: its cursor, progress and last result.
 *
 * @param account the account name
 * @param kind what is synced, e.g. {@code followers}
 * @param cursor where an incremental or interrupted run resumes, or {@code null}
 * @param phase the current or last phase
 * @param done how many items are done
 * @param total how many items there are (0 when unknown)
 * @param lastResult {@code ok: ...}, {@code failed: ...}, {@code cancelled: ...} or {@code running}
 * @param updatedAt when this was written
 */
public record SyncState(String account, String kind, String cursor, SyncPhase phase, long done, long total,
        String lastResult, Instant updatedAt) {
    /**
     * Checks the required values.
     *
     * @param account the account name
     * @param kind what is synced, e.g. {@code followers}
     * @param cursor where an incremental or interrupted run resumes, or {@code null}
     * @param phase the current or last phase
     * @param done how many items are done
     * @param total how many items there are (0 when unknown)
     * @param lastResult {@code ok: ...}, {@code failed: ...}, {@code cancelled: ...} or {@code running}
     * @param updatedAt when this was written
     */
    public SyncState {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
