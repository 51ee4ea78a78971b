package org.wechatmp.examples.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.callback.NonceStore;

/**
 * A proposed PostgreSQL-only variant of the shared dedupe and nonce store, on the same tables ({@code wx_nonce},
 * {@code wx_dedupe}) as the storage module's, measured beside it by {@link LoadBenchmark}:
 * <ul>
 *   <li>every claim is one statement, {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expires_at < now} (a new
 *       row and the take-over of an expired one in one round trip, no duplicate-key exception on a replay);</li>
 *   <li>these statements commit without waiting for the WAL flush ({@code set_config('synchronous_commit', 'off',
 *       true)} inside the statement, so it holds for that transaction only). Other nodes see the claim as soon as it
 *       commits, exactly as before; only a crash of the database server itself can forget the claims of its last
 *       fraction of a second (at most three {@code wal_writer_delay}s), which are short-lived coordination rows.</li>
 * </ul>
 * Everything else (accounts, handlers, users, tokens, the message log) keeps full durability.
 */
final class PostgresClaimStore implements Deduplicator, NonceStore {
    private static final String ASYNC = "WITH c AS (SELECT set_config('synchronous_commit', 'off', true)) ";

    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicLong operations = new AtomicLong();

    PostgresClaimStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String account, String nonce, Instant expiresAt) {
        sweep();
        return jdbi.withHandle(h -> h.createUpdate(ASYNC + "INSERT INTO wx_nonce (account, nonce, expires_at) "
                + "SELECT :a, :n, :e FROM c ON CONFLICT (account, nonce) DO UPDATE "
                + "SET expires_at = EXCLUDED.expires_at WHERE wx_nonce.expires_at < :now").bind("a", account)
                .bind("n", nonce).bind("e", expiresAt.toEpochMilli()).bind("now", clock.millis()).execute()) == 1;
    }

    @Override
    public Status begin(String key, Instant expiresAt) {
        sweep();
        int claimed = jdbi.withHandle(h -> h.createUpdate(ASYNC + "INSERT INTO wx_dedupe (msg_key, state, expires_at) "
                + "SELECT :k, 'IN_PROGRESS', :e FROM c ON CONFLICT (msg_key) DO UPDATE SET state = 'IN_PROGRESS', "
                + "reply = NULL, expires_at = EXCLUDED.expires_at WHERE wx_dedupe.expires_at < :now").bind("k", key)
                .bind("e", expiresAt.toEpochMilli()).bind("now", clock.millis()).execute());
        if (claimed == 1) {
            return new Status(State.CLAIMED, "");
        }
        return get(key).orElse(new Status(State.IN_PROGRESS, ""));
    }

    @Override
    public Optional<Status> get(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state, reply FROM wx_dedupe WHERE msg_key = :k AND "
                + "expires_at >= :now").bind("k", key).bind("now", clock.millis())
                .map((rs, ctx) -> new Status(State.valueOf(rs.getString("state")), rs.getString("reply") == null ? ""
                        : rs.getString("reply"))).findOne());
    }

    @Override
    public void finish(String key, String reply, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate(ASYNC + "UPDATE wx_dedupe SET state = 'DONE', reply = :r, expires_at = :e "
                + "FROM c WHERE msg_key = :k").bind("r", reply == null ? "" : reply)
                .bind("e", expiresAt.toEpochMilli()).bind("k", key).execute());
    }

    /**
     * Checks the claim semantics on the live tables before the store is measured: a nonce is new once, a delivery
     * is claimed once, a finished one answers with its reply, an expired claim is taken over.
     */
    void selfCheck() {
        String id = "selfcheck-" + System.nanoTime();
        Instant later = clock.instant().plusSeconds(60);
        Instant past = clock.instant().minusSeconds(60);
        boolean ok = firstUse("bench", id, later) && !firstUse("bench", id, later)
                && firstUse("bench", id + "-old", past) && firstUse("bench", id + "-old", later)
                && begin(id, later).state() == State.CLAIMED && begin(id, later).state() == State.IN_PROGRESS;
        finish(id, "<xml>r</xml>", later);
        ok &= begin(id, later).equals(new Status(State.DONE, "<xml>r</xml>"));
        ok &= begin(id + "-old", past).state() == State.CLAIMED && begin(id + "-old", later).state() == State.CLAIMED;
        if (!ok) {
            throw new IllegalStateException("the proposed claim store does not claim as the SPI requires");
        }
    }

    /** Deletes expired rows every 1,024 operations. */
    private void sweep() {
        if ((operations.incrementAndGet() & 1023) == 0) {
            long now = clock.millis();
            jdbi.useHandle(h -> {
                h.createUpdate(ASYNC + "DELETE FROM wx_nonce USING c WHERE expires_at < :now").bind("now", now)
                        .execute();
                h.createUpdate(ASYNC + "DELETE FROM wx_dedupe USING c WHERE expires_at < :now").bind("now", now)
                        .execute();
            });
        }
    }
}
