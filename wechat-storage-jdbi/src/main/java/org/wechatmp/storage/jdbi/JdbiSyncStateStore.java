package org.wechatmp.storage.jdbi;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.sync.SyncPhase;
import org.wechatmp.core.sync.SyncState;
import org.wechatmp.core.sync.SyncStateStore;

/** Sync cursors, progress and results in {@code wx_sync_state}; the phase is stored by its {@link SyncPhase} name. */
final class JdbiSyncStateStore implements SyncStateStore {
    private final Jdbi jdbi;

    JdbiSyncStateStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<SyncState> get(String account, String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_sync_state WHERE account = :a AND kind = :k")
                .bind("a", account).bind("k", kind).map((rs, ctx) -> new SyncState(rs.getString("account"),
                        rs.getString("kind"), rs.getString("cursor_value"), SyncPhase.parse(rs.getString("phase")),
                        rs.getLong("done"), rs.getLong("total"), rs.getString("last_result"),
                        Instant.ofEpochMilli(rs.getLong("updated_at")))).findOne());
    }

    @Override
    public void put(SyncState s) {
        String result = s.lastResult() == null ? null
                : s.lastResult().substring(0, Math.min(1000, s.lastResult().length()));
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE wx_sync_state SET cursor_value = :c, phase = :p, done = :d, total = :t, "
                    + "last_result = :r, updated_at = :u WHERE account = :a AND kind = :k").bind("c", s.cursor())
                    .bind("p", s.phase().name()).bind("d", s.done()).bind("t", s.total()).bind("r", result)
                    .bind("u", s.updatedAt().toEpochMilli()).bind("a", s.account()).bind("k", s.kind()).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO wx_sync_state (account, kind, cursor_value, phase, done, total, last_result, "
                        + "updated_at) VALUES (:a, :k, :c, :p, :d, :t, :r, :u)").bind("a", s.account())
                        .bind("k", s.kind()).bind("c", s.cursor()).bind("p", s.phase().name()).bind("d", s.done())
                        .bind("t", s.total()).bind("r", result).bind("u", s.updatedAt().toEpochMilli()).execute();
            }
        });
    }
}
