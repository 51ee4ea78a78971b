package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wechatmp.core.sync.SyncPhase;
import org.wechatmp.core.sync.SyncState;

/** Sync states keep their {@link SyncPhase} by name on every database, and rows written before it still read. */
class SyncStateStoreTest {
    static Stream<Databases.Db> dbs() {
        return Databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dbs")
    void everyPhaseRoundTripsAndLegacyNamesRead(Databases.Db db) {
        try (JdbiStorage s = Databases.fresh(db)) {
            Instant at = Instant.ofEpochMilli(1_767_225_600_123L);
            for (SyncPhase phase : SyncPhase.values()) {
                SyncState state = new SyncState("demo", "followers", phase == SyncPhase.DONE ? null : "o99", phase, 100,
                        300, phase.name().toLowerCase(java.util.Locale.ROOT) + ": x", at);
                s.syncStates().put(state);
                assertThat(s.syncStates().get("demo", "followers")).contains(state);
            }
            String stored = s.jdbi().withHandle(h -> h.createQuery("SELECT phase FROM wx_sync_state WHERE account = "
                    + "'demo' AND kind = 'followers'").mapTo(String.class).one());
            assertThat(stored).isEqualTo("CANCELLED");
            s.jdbi().useHandle(h -> h.execute("INSERT INTO wx_sync_state (account, kind, cursor_value, phase, done, "
                    + "total, last_result, updated_at) VALUES ('demo', 'tags', NULL, 'done', 2, 2, 'ok: 2 tags', 1)"));
            s.jdbi().useHandle(h -> h.execute("INSERT INTO wx_sync_state (account, kind, cursor_value, phase, done, "
                    + "total, last_result, updated_at) VALUES ('demo', 'menu', NULL, 'listing', 0, 0, 'running', 1)"));
            assertThat(s.syncStates().get("demo", "tags").orElseThrow().phase()).isEqualTo(SyncPhase.DONE);
            assertThat(s.syncStates().get("demo", "menu").orElseThrow().phase()).isEqualTo(SyncPhase.RUNNING);
            assertThat(s.syncStates().get("demo", "nothing")).isEmpty();
        }
    }
}
