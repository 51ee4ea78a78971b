package org.wechatmp.storage.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.wechatmp.core.WeChatException;

/**
 * The PostgreSQL admissions of concurrent deliveries, combined: each delivery's dedupe claim (and its nonce, when it
 * has one to record: a plaintext delivery) is queued, and
 * the first caller that finds no statement running (or, past {@link #SECOND_AT} waiting deliveries, only one)
 * writes everything queued, up to {@link #MAX} deliveries, in one statement and one transaction, and hands each
 * waiting caller its own answer. Alone, a delivery is written at once in a batch of one; under load the deliveries
 * that arrive while a statement runs share the next one, so the database's per-statement work (executor start,
 * snapshot, commit) and the pool's are paid once per batch rather than once per delivery.
 *
 * <p>No other thread is involved: a caller whose delivery someone else wrote is woken with the answer; a caller left
 * in the queue when a statement ends is woken to write it. A batch never holds two deliveries with the same nonce or
 * the same key (the second waits for the next batch), so each row is written once per statement and the answers are
 * those of one-at-a-time admissions in some order.
 *
 * <p>A batch of claims alone (encrypted deliveries, which record no nonce) is written by a shorter statement,
 * {@link #CLAIMS_SQL}: the dedupe insert by itself.
 *
 * <p>The statement only writes (through the primary keys, as {@code ON CONFLICT} arbiters): it reads no table by a
 * plan that could go stale as the tables grow. The state of a key that was not claimed under a fresh nonce (a
 * redelivery under a new nonce, which is rare) is read afterwards, by the caller, with its own lookup.
 */
final class AdmitBatch {
    /** The most deliveries in one statement. */
    static final int MAX = 64;
    /**
     * A second statement may start while one runs only when this many deliveries are waiting (a batch that is worth
     * its own statement); otherwise they wait for the running one to end and go together.
     */
    static final int SECOND_AT = 8;

    static final String SQL = "WITH c AS (SELECT set_config('synchronous_commit', 'off', true)), "
            + "v AS (SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[]) "
            + "WITH ORDINALITY AS v(a, n, ne, k, ke, i)), "
            + "n AS (INSERT INTO wx_nonce (account, nonce, expires_at) SELECT v.a, v.n, v.ne FROM c, v "
            + "WHERE v.n IS NOT NULL ON CONFLICT (account, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at "
            + "WHERE wx_nonce.expires_at < ? RETURNING account, nonce), "
            + "d AS (INSERT INTO wx_dedupe (msg_key, state, expires_at, lease_until) "
            + "SELECT v.k, 'IN_PROGRESS', v.ke, LEAST(v.ke, ?) "
            + "FROM c, v LEFT JOIN n ON n.account = v.a AND n.nonce = v.n WHERE v.n IS NULL OR n.nonce IS NOT NULL "
            + "ON CONFLICT (msg_key) DO UPDATE SET state = 'IN_PROGRESS', reply = NULL, "
            + "expires_at = EXCLUDED.expires_at, lease_until = EXCLUDED.lease_until WHERE wx_dedupe.expires_at < ? "
            + "OR (wx_dedupe.state = 'IN_PROGRESS' AND wx_dedupe.lease_until < ?) RETURNING msg_key) "
            + "SELECT v.i, v.n IS NULL OR n.nonce IS NOT NULL, d.msg_key IS NOT NULL FROM v "
            + "LEFT JOIN n ON n.account = v.a AND n.nonce = v.n LEFT JOIN d ON d.msg_key = v.k";

    /**
     * A batch of claims alone (encrypted deliveries, whose record is their own replay defence, see
     * {@link JdbiDeliveryStore#begin}): the dedupe insert by itself, with no nonce insert and no joins to feed it or
     * to read the answers back. It is the common batch in production (safe mode), and PostgreSQL runs it in about
     * two thirds of the general statement's time; the claimed keys are those it returns.
     */
    static final String CLAIMS_SQL = "WITH c AS (SELECT set_config('synchronous_commit', 'off', true)) "
            + "INSERT INTO wx_dedupe (msg_key, state, expires_at, lease_until) "
            + "SELECT v.k, 'IN_PROGRESS', v.ke, LEAST(v.ke, ?) FROM c, unnest(?::varchar[], ?::bigint[]) AS v(k, ke) "
            + "ON CONFLICT (msg_key) DO UPDATE SET state = 'IN_PROGRESS', reply = NULL, "
            + "expires_at = EXCLUDED.expires_at, lease_until = EXCLUDED.lease_until WHERE wx_dedupe.expires_at < ? "
            + "OR (wx_dedupe.state = 'IN_PROGRESS' AND wx_dedupe.lease_until < ?) RETURNING msg_key";

    /** What became of one delivery. */
    enum Outcome {
        /** The nonce was used before: nothing was claimed. */
        REUSED,
        /** A fresh nonce, and this delivery claimed its key. */
        CLAIMED,
        /** A fresh nonce, but the key is held by another delivery: its state must be read. */
        HELD
    }

    /** One queued delivery (digests), with the caller to wake. */
    private static final class Pending {
        final String account;
        /** {@code null}: no nonce to record, only the claim. */
        final String nonce;
        final long nonceExpires;
        final String key;
        final long keyExpires;
        final Thread caller = Thread.currentThread();
        final AtomicBoolean taken = new AtomicBoolean();
        volatile Outcome outcome;
        volatile RuntimeException failure;

        Pending(String account, String nonce, long nonceExpires, String key, long keyExpires) {
            this.account = account;
            this.nonce = nonce;
            this.nonceExpires = nonceExpires;
            this.key = key;
            this.keyExpires = keyExpires;
        }

        boolean done() {
            return outcome != null || failure != null;
        }
    }

    private final DataSource ds;
    private final long leaseMillis;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore first = new Semaphore(1);
    private final Semaphore second = new Semaphore(1);
    /** Deliveries queued and not yet taken into a batch. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong statements = new AtomicLong();

    /**
     * Admissions whose claims hold their key for a lease from the statement's {@code now} (at most to the key's
     * expiry); a claim whose lease lapsed is taken over as an expired one is.
     */
    AdmitBatch(DataSource ds, long leaseMillis) {
        this.ds = ds;
        this.leaseMillis = leaseMillis;
    }

    /**
     * Admits one delivery, in whichever batch takes it; returns when it is written.
     *
     * @param nonce the nonce's digest, or {@code null} to claim the key alone (never {@link Outcome#REUSED})
     * @param now the instant (epoch millis) before which rows are expired and may be taken over
     */
    Outcome admit(String account, String nonce, long nonceExpires, String key, long keyExpires, long now) {
        Pending mine = new Pending(account, nonce, nonceExpires, key, keyExpires);
        queue.add(mine);
        waiting.incrementAndGet();
        while (!mine.done()) {
            Semaphore slot = first.tryAcquire() ? first
                    : waiting.get() >= SECOND_AT && second.tryAcquire() ? second : null;
            if (slot != null) {
                List<Pending> batch = List.of();
                try {
                    batch = take();
                    if (!batch.isEmpty()) {
                        write(batch, now);
                    }
                } finally {
                    slot.release();
                    // whatever happened, no caller of this batch is left waiting for an answer
                    for (Pending p : batch) {
                        if (!p.done()) {
                            p.failure = new WeChatException("delivery admission failed");
                            LockSupport.unpark(p.caller);
                        }
                    }
                    // whoever is first in the queue now writes the next batch (checked after the slot is free, so
                    // a caller that failed to take a slot before this release is woken to try again)
                    Pending next = queue.peek();
                    if (next != null && next != mine) {
                        LockSupport.unpark(next.caller);
                    }
                }
            } else if (!mine.done()) {
                LockSupport.park(this);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.outcome;
    }

    /** Takes up to {@link #MAX} queued deliveries, no two with the same nonce or key, in queue order. */
    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        Set<String> nonces = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Iterator<Pending> it = queue.iterator(); it.hasNext() && batch.size() < MAX; ) {
            Pending p = it.next();
            if (p.taken.get() || !keys.add(p.key)) {
                continue;
            }
            // by nonce digest alone: two accounts' equal nonces (a 2^-256 chance) would only wait a batch
            if (p.nonce != null && !nonces.add(p.nonce)) {
                keys.remove(p.key);
                continue;
            }
            if (p.taken.compareAndSet(false, true)) {
                it.remove();
                waiting.decrementAndGet();
                batch.add(p);
            } else {
                keys.remove(p.key);
                if (p.nonce != null) {
                    nonces.remove(p.nonce);
                }
            }
        }
        return batch;
    }

    /** Writes a batch with nonces (or a mix): each delivery's outcome by its ordinal. */
    private void admissions(Connection c, List<Pending> batch, long now, Outcome[] outcomes) throws SQLException {
        int size = batch.size();
        String[] accounts = new String[size];
        String[] nonces = new String[size];
        Long[] nonceExpires = new Long[size];
        String[] keys = new String[size];
        Long[] keyExpires = new Long[size];
        for (int i = 0; i < size; i++) {
            Pending p = batch.get(i);
            accounts[i] = p.account;
            nonces[i] = p.nonce;
            nonceExpires[i] = p.nonceExpires;
            keys[i] = p.key;
            keyExpires[i] = p.keyExpires;
        }
        try (PreparedStatement st = c.prepareStatement(SQL)) {
            st.setArray(1, c.createArrayOf("varchar", accounts));
            st.setArray(2, c.createArrayOf("varchar", nonces));
            st.setArray(3, c.createArrayOf("bigint", nonceExpires));
            st.setArray(4, c.createArrayOf("varchar", keys));
            st.setArray(5, c.createArrayOf("bigint", keyExpires));
            st.setLong(6, now);
            st.setLong(7, now + leaseMillis);
            st.setLong(8, now);
            st.setLong(9, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int i = (int) rs.getLong(1) - 1;
                    outcomes[i] = !rs.getBoolean(2) ? Outcome.REUSED : rs.getBoolean(3) ? Outcome.CLAIMED
                            : Outcome.HELD;
                }
            }
        }
    }

    /**
     * Writes a batch of claims alone ({@link #CLAIMS_SQL}): a returned key was claimed, every other one is held.
     * The keys of a batch are distinct ({@link #take}).
     */
    private void claims(Connection c, List<Pending> batch, long now, Outcome[] outcomes) throws SQLException {
        int size = batch.size();
        String[] keys = new String[size];
        Long[] keyExpires = new Long[size];
        Map<String, Integer> index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            Pending p = batch.get(i);
            keys[i] = p.key;
            keyExpires[i] = p.keyExpires;
            index.put(p.key, i);
        }
        try (PreparedStatement st = c.prepareStatement(CLAIMS_SQL)) {
            st.setLong(1, now + leaseMillis);
            st.setArray(2, c.createArrayOf("varchar", keys));
            st.setArray(3, c.createArrayOf("bigint", keyExpires));
            st.setLong(4, now);
            st.setLong(5, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Integer i = index.get(rs.getString(1));
                    if (i != null) {
                        outcomes[i] = Outcome.CLAIMED;
                    }
                }
            }
        }
        for (int i = 0; i < size; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = Outcome.HELD;
            }
        }
    }

    /** The statements run so far (for tests: fewer than the deliveries when they were combined). */
    long statements() {
        return statements.get();
    }

    private void write(List<Pending> batch, long now) {
        statements.incrementAndGet();
        int size = batch.size();
        Outcome[] outcomes = new Outcome[size];
        RuntimeException failure = null;
        try (Connection c = ds.getConnection()) {
            if (batch.stream().allMatch(p -> p.nonce == null)) {
                claims(c, batch, now, outcomes);
            } else {
                admissions(c, batch, now, outcomes);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            failure = new WeChatException("delivery admission failed: " + e.getMessage(), e);
        }
        for (int i = 0; i < size; i++) {
            Pending p = batch.get(i);
            if (failure == null && outcomes[i] == null) {
                p.failure = new WeChatException("delivery admission failed: no answer for a delivery");
            } else if (failure != null) {
                p.failure = failure;
            } else {
                p.outcome = outcomes[i];
            }
            LockSupport.unpark(p.caller);
        }
    }
}
