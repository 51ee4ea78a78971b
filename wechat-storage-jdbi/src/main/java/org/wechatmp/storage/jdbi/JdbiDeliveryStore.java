package org.wechatmp.storage.jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.callback.DeliveryGate;

/**
 * The shared deduplication and nonce stores: the primary key makes every node agree on who claimed a message or a
 * nonce first; expired rows are taken over and deleted now and then (every 1,024 operations, on the finish writer's
 * thread). Keys are stored as the SHA-256 of their UTF-8 bytes (64 hex characters; a message key behind its time
 * head, see {@link #storedKey}), so a key of any length fits its column: a dedupe key holds the EventKey (a VIEW
 * button's URL, or anything a client sends) and a nonce is chosen by the sender.
 *
 * <p>On PostgreSQL each claim and each nonce is an {@code INSERT ... ON CONFLICT ... DO UPDATE ... WHERE expires_at
 * < now}: a new row or the take-over of an expired one, with no duplicate-key exception on a replay.
 * The claims, the {@code finish} update and the expiry sweep commit with {@code synchronous_commit} off, set with
 * {@code set_config(..., true)} inside the statement so it holds for that one transaction only: the commit does not
 * wait for the WAL flush. The trade-off: other nodes see a claim as soon as it commits, exactly as before, but if the
 * database server itself crashes it can forget the claims of its last fraction of a second (at most three
 * {@code wal_writer_delay}s, 600 ms by default). These are short-lived coordination rows (a retry of a forgotten
 * delivery could then run twice); everything else the storage writes (accounts, tokens, followers, handlers, the
 * message log) stays fully durable. These statements run on plain JDBC (positional parameters, no Jdbi handle): they
 * are the per-delivery cost of the callback.
 *
 * <p>A delivery's nonce and its dedupe claim are one statement on PostgreSQL ({@link #admit}): the nonce insert,
 * then, fed by its {@code RETURNING} rows so that a reused nonce claims nothing, the dedupe insert; a key that was not
 * claimed has its state read afterwards. A claim without a nonce ({@link #begin}: an encrypted delivery, whose record
 * is its own replay defence) is the same statement without the nonce. Concurrent deliveries share that statement
 * ({@link AdmitBatch}): under load one statement and one commit admit dozens of deliveries.
 *
 * <p>{@link #finish} does not wait for the database: the reply is recorded in memory at once (so {@link #get} on this
 * node sees the delivery done) and one background thread writes the finished keys in batches, each batch one
 * statement on PostgreSQL ({@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO UPDATE}) and one JDBC batch
 * elsewhere, in one transaction. A batch of fewer than 200 waits 20 ms for more, so under load hundreds of
 * deliveries share a statement and a commit. A retry that reaches another node
 * within those milliseconds sees the delivery in progress and waits for it, as it would for a running handler. A key
 * whose finish is still queued is written before it is claimed again; past 10,000 queued finishes (the database is
 * slower than the traffic) each caller writes its own, unbatched; {@link #close} writes what is left. A batch the
 * database refuses is written key by key and a key that still fails is logged (by its digest), so a retry of that
 * delivery waits and answers "success" instead of the recorded reply; the handler does not run twice.
 *
 * <p>On H2 and MariaDB a claim is an insert, and on a duplicate key a conditional update of an expired row.
 *
 * <p>A claim in progress holds its key for a lease (10 seconds by default), {@code lease_until}, which this node's
 * writer thread renews (from a quarter of a lease on, by the clock) for the claims it holds until their finish is
 * written. A node that dies mid-handler renews nothing, so its claim lapses: it still reads as in progress, but a
 * retry of the message on another node takes it over, as it would an expired row, and runs the handler, instead of
 * waiting for a node that is gone and answering "success" for a message nobody handled. The lease is a column of its
 * own, apart from the indexed {@code expires_at}, so neither a renewal nor a finish touches an index.
 */
final class JdbiDeliveryStore implements DeliveryGate {
    /** Turns off the WAL-flush wait for the enclosing transaction only (PostgreSQL). */
    private static final String ASYNC = "WITH c AS (SELECT set_config('synchronous_commit', 'off', true)) ";
    private static final String PG_NONCE = ASYNC + "INSERT INTO wx_nonce (account, nonce, expires_at) "
            + "SELECT ?, ?, ? FROM c ON CONFLICT (account, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at "
            + "WHERE wx_nonce.expires_at < ?";
    /**
     * The finish batch, as an upsert: written through the primary key (the {@code ON CONFLICT} arbiter) whatever the
     * plan, so the statement can stay prepared on the server; an {@code UPDATE ... FROM unnest} had to be planned at
     * each run (a plan kept from the new, small table scanned all of it as it grew). A key swept away meanwhile comes
     * back as an expired record, which the next sweep takes.
     */
    private static final String PG_FINISH_BATCH = ASYNC + "INSERT INTO wx_dedupe (msg_key, state, reply, expires_at) "
            + "SELECT v.k, 'DONE', v.r, v.e FROM c, unnest(?::varchar[], ?::text[], ?::bigint[]) AS v(k, r, e) "
            + "ON CONFLICT (msg_key) DO UPDATE SET state = 'DONE', reply = EXCLUDED.reply, "
            + "expires_at = EXCLUDED.expires_at";
    private static final String PG_FIND = "SELECT state, reply FROM wx_dedupe WHERE msg_key = ? AND expires_at >= ?";
    private static final String FINISH = "UPDATE wx_dedupe SET state = 'DONE', reply = :r, expires_at = :e "
            + "WHERE msg_key = :k";

    private final Jdbi jdbi;
    private final DataSource ds;
    private final Clock clock;
    private final boolean postgres;
    private final AtomicLong operations = new AtomicLong();
    /** PostgreSQL's admissions, combined across concurrent deliveries. */
    private final AdmitBatch admissions;
    private final int maxUnwritten;
    private final long leaseMillis;
    /** This node's claims in progress, by stored key: renewed until their finish is written. */
    private final Map<String, Claim> running = new ConcurrentHashMap<>();
    private final AtomicLong renewed = new AtomicLong();
    private volatile boolean renewing = true;
    private long nextRenewal;
    /** Finished keys not yet written, by digest; read by {@link #find} before the database. */
    private final Map<String, Finished> unwritten = new ConcurrentHashMap<>();
    private final Semaphore work = new Semaphore(0);
    private final Object writing = new Object();
    private volatile Thread writer;
    private volatile boolean closed;
    private volatile boolean sweepDue;

    /** A finish waiting to be written. */
    private record Finished(String reply, long expiresAt) {
    }

    /** A claim this node holds: when its lease was last set, and the record's real expiry. */
    private record Claim(long leasedAt, long expiresAt) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbiDeliveryStore.class);
    private static final int BATCH = 1_000;
    /** A writer with fewer finishes queued than this waits {@link #LINGER_NANOS} for more. */
    private static final int FULL_ENOUGH = 200;
    private static final long LINGER_NANOS = 20_000_000L;
    /** Past this many queued finishes each caller writes its own. */
    static final int MAX_UNWRITTEN = 10_000;
    static final long DEFAULT_LEASE_MILLIS = 10_000L;

    JdbiDeliveryStore(Jdbi jdbi, DataSource ds, Clock clock, String vendor) {
        this(jdbi, ds, clock, vendor, MAX_UNWRITTEN);
    }

    JdbiDeliveryStore(Jdbi jdbi, DataSource ds, Clock clock, String vendor, int maxUnwritten) {
        this(jdbi, ds, clock, vendor, maxUnwritten, DEFAULT_LEASE_MILLIS);
    }

    JdbiDeliveryStore(Jdbi jdbi, DataSource ds, Clock clock, String vendor, int maxUnwritten, long leaseMillis) {
        this.maxUnwritten = maxUnwritten;
        this.leaseMillis = leaseMillis;
        this.jdbi = jdbi;
        this.ds = ds;
        this.clock = clock;
        this.postgres = "postgresql".equals(vendor);
        this.admissions = new AdmitBatch(ds, leaseMillis);
    }

    /** One SHA-256 per thread: looking the algorithm up for every key cost more than hashing it. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new WeChatException("SHA-256 is missing from this JVM", e);
        }
    });

    /** The stored form of a nonce: lower-case hex SHA-256 of its UTF-8 bytes. */
    static String digest(String key) {
        return HexFormat.of().formatHex(SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The stored form of a message key: its head of up to 12 digits (the callback's keys begin with the message's
     * CreateTime, see {@link org.wechatmp.core.callback.Deduplicator}), zero-padded to 12, a colon and the
     * {@link #digest}; without such a head, the digest alone. New claims then land at the end of the primary key's
     * index, whose recent pages stay in memory, instead of on a random page of an index that holds minutes of
     * deliveries.
     */
    static String storedKey(String key) {
        int colon = key.indexOf(':');
        if (colon < 1 || colon > 12) {
            return digest(key);
        }
        for (int i = 0; i < colon; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return digest(key);
            }
        }
        return "0".repeat(12 - colon) + key.substring(0, colon) + ':' + digest(key);
    }

    @Override
    public boolean firstUse(String account, String rawNonce, Instant expiresAt) {
        sweep();
        String nonce = digest(rawNonce);
        long now = clock.millis();
        if (postgres) {
            return update(PG_NONCE, account, nonce, expiresAt.toEpochMilli(), now) == 1;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_nonce (account, nonce, expires_at) VALUES (:a, :n, :e)")
                    .bind("a", account).bind("n", nonce).bind("e", expiresAt.toEpochMilli()).execute());
            return true;
        } catch (RuntimeException e) {
            if (!Sql.isDuplicate(e)) {
                throw e;
            }
        }
        // an expired row may be taken over by exactly one caller
        return jdbi.withHandle(h -> h.createUpdate("UPDATE wx_nonce SET expires_at = :e WHERE account = :a AND nonce "
                + "= :n AND expires_at < :now").bind("e", expiresAt.toEpochMilli()).bind("a", account)
                .bind("n", nonce).bind("now", now).execute()) == 1;
    }

    @Override
    public Status begin(String rawKey, Instant expiresAt) {
        sweep();
        String key = storedKey(rawKey);
        writeQueued(key);
        long now = clock.millis();
        if (postgres) {
            // batched with concurrent admissions: no nonce to record, the claim alone
            return admissions.admit(null, null, 0, key, expiresAt.toEpochMilli(), now) == AdmitBatch.Outcome.CLAIMED
                    ? claimed(key, now, expiresAt) : find(key).orElse(new Status(State.IN_PROGRESS, ""));
        }
        long until = leaseEnd(now, expiresAt.toEpochMilli());
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_dedupe (msg_key, state, expires_at, lease_until) VALUES "
                    + "(:k, 'IN_PROGRESS', :e, :l)").bind("k", key).bind("e", expiresAt.toEpochMilli()).bind("l", until)
                    .execute());
            return claimed(key, now, expiresAt);
        } catch (RuntimeException e) {
            if (!Sql.isDuplicate(e)) {
                throw e;
            }
        }
        int taken = jdbi.withHandle(h -> h.createUpdate("UPDATE wx_dedupe SET state = 'IN_PROGRESS', reply = NULL, "
                + "expires_at = :e, lease_until = :l WHERE msg_key = :k AND (expires_at < :now OR (state = "
                + "'IN_PROGRESS' AND lease_until < :now))").bind("e", expiresAt.toEpochMilli()).bind("l", until)
                .bind("k", key).bind("now", now).execute());
        if (taken == 1) {
            return claimed(key, now, expiresAt);
        }
        return find(key).orElse(new Status(State.IN_PROGRESS, ""));
    }

    @Override
    public Optional<Status> admit(String account, String rawNonce, Instant nonceExpiresAt, String rawKey,
            Instant keyExpiresAt) {
        if (!postgres) {
            return DeliveryGate.super.admit(account, rawNonce, nonceExpiresAt, rawKey, keyExpiresAt);
        }
        sweep();
        String nonce = digest(rawNonce);
        String key = storedKey(rawKey);
        writeQueued(key);
        long now = clock.millis();
        return switch (admissions.admit(account, nonce, nonceExpiresAt.toEpochMilli(), key,
                keyExpiresAt.toEpochMilli(), now)) {
            case REUSED -> Optional.empty();
            case CLAIMED -> Optional.of(claimed(key, now, keyExpiresAt));
            // held by another delivery (or by a claim committed after the statement's snapshot): as it stands now
            case HELD -> Optional.of(find(key).orElse(new Status(State.IN_PROGRESS, "")));
        };
    }

    /** A claim's lease: from now, or up to the record's own expiry when that comes first. */
    private long leaseEnd(long now, long expiresAt) {
        return Math.min(expiresAt, now + leaseMillis);
    }

    /** Notes a claim this node holds (renewed until its finish is written) and answers it. */
    private Status claimed(String key, long now, Instant expiresAt) {
        running.put(key, new Claim(now, expiresAt.toEpochMilli()));
        startWriter();
        return new Status(State.CLAIMED, "");
    }

    @Override
    public Optional<Status> get(String rawKey) {
        return find(storedKey(rawKey));
    }

    private Optional<Status> find(String key) {
        Finished queued = unwritten.get(key);
        if (queued != null) {
            return queued.expiresAt() >= clock.millis() ? Optional.of(new Status(State.DONE, queued.reply()))
                    : Optional.empty();
        }
        if (postgres) {
            try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(PG_FIND)) {
                st.setString(1, key);
                st.setLong(2, clock.millis());
                try (ResultSet rs = st.executeQuery()) {
                    Optional<Status> found = rs.next() ? Optional.of(new Status(State.valueOf(rs.getString(1)),
                            rs.getString(2) == null ? "" : rs.getString(2))) : Optional.empty();
                    endTransaction(c);
                    return found;
                }
            } catch (SQLException e) {
                throw new WeChatException("dedupe lookup failed: " + e.getMessage(), e);
            }
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT state, reply FROM wx_dedupe WHERE msg_key = :k AND "
                + "expires_at >= :now").bind("k", key).bind("now", clock.millis())
                .map((rs, ctx) -> new Status(State.valueOf(rs.getString("state")), rs.getString("reply") == null ? ""
                        : rs.getString("reply"))).findOne());
    }

    @Override
    public void finish(String rawKey, String reply, Instant expiresAt) {
        String key = storedKey(rawKey);
        Finished f = new Finished(reply == null ? "" : reply, expiresAt.toEpochMilli());
        if ((closed || unwritten.size() >= maxUnwritten) && !unwritten.containsKey(key)) {
            // the writer is behind (or gone): this caller writes its own, as an unbatched store would, without
            // waiting behind the writer's batch; no finish of this key is queued, so none can land after this one
            writeBatch(Map.of(key, f));
            running.remove(key);
            return;
        }
        unwritten.put(key, f);
        startWriter();
        work.release();
    }

    /**
     * Writes a key's queued finish now, before the key is claimed again. Every write of a key happens under
     * {@code writing} while the key is queued, and the key leaves the queue before the lock is released; so once this
     * sees the key absent no stale finish can land on a later claim.
     */
    private void writeQueued(String key) {
        if (unwritten.containsKey(key)) {
            synchronized (writing) {
                Finished f = unwritten.get(key);
                if (f != null) {
                    write(Map.of(key, f));
                    unwritten.remove(key, f);
                }
            }
        }
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (writing) {
                if (writer == null && !closed) {
                    Thread t = new Thread(this::drain, "wechat-dedupe-finish");
                    t.setDaemon(true);
                    t.start();
                    writer = t;
                }
            }
        }
    }

    private void drain() {
        while (!closed) {
            try {
                if (work.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    // a few finishes wait LINGER_NANOS for company: one statement and commit for many. Asleep, not
                    // waiting on the semaphore, which every finish meanwhile would wake (two context switches each)
                    if (!closed && unwritten.size() < FULL_ENOUGH) {
                        LockSupport.parkNanos(this, LINGER_NANOS);
                    }
                    work.drainPermits();
                    writeUnwritten();
                    sweepIfDue();
                }
                renewIfDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("dedupe finish writer: {}", e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Writes the finishes queued when it starts, in batches (one pass: under steady traffic the queue is never empty,
     * and the writer has renewals and sweeps to do between passes); returns how many.
     */
    int writeUnwritten() {
        int written = 0;
        int queued = unwritten.size();
        while (written < queued) {
            synchronized (writing) {
                Map<String, Finished> batch = new LinkedHashMap<>();
                for (Map.Entry<String, Finished> e : unwritten.entrySet()) {
                    batch.put(e.getKey(), e.getValue());
                    if (batch.size() == BATCH) {
                        break;
                    }
                }
                if (batch.isEmpty()) {
                    return written;
                }
                write(batch);
                batch.forEach(unwritten::remove);
                written += batch.size();
            }
        }
        return written;
    }

    /**
     * Writes finishes in one statement (PostgreSQL) or one batch; a refused batch is retried key by key. The caller
     * holds {@code writing}: one writer at a time, so a key's two finishes are never written out of order.
     */
    private void write(Map<String, Finished> batch) {
        try {
            writeBatch(batch);
            batch.keySet().forEach(running::remove);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                LOG.error("dedupe record {} not finished: {}; a retry of that delivery waits and answers success",
                        batch.keySet().iterator().next(), e.getClass().getSimpleName());
                return;
            }
            for (Map.Entry<String, Finished> one : batch.entrySet()) {
                write(Map.of(one.getKey(), one.getValue()));
            }
        }
    }

    private void writeBatch(Map<String, Finished> batch) {
        if (postgres) {
            String[] keys = new String[batch.size()];
            String[] replies = new String[batch.size()];
            Long[] expires = new Long[batch.size()];
            int i = 0;
            for (Map.Entry<String, Finished> e : batch.entrySet()) {
                keys[i] = e.getKey();
                replies[i] = e.getValue().reply();
                expires[i++] = e.getValue().expiresAt();
            }
            try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(PG_FINISH_BATCH)) {
                st.setArray(1, c.createArrayOf("varchar", keys));
                st.setArray(2, c.createArrayOf("text", replies));
                st.setArray(3, c.createArrayOf("bigint", expires));
                st.executeUpdate();
                endTransaction(c);
            } catch (SQLException e) {
                throw new WeChatException("dedupe finish failed: " + e.getMessage(), e);
            }
            return;
        }
        jdbi.useTransaction(h -> {
            var b = h.prepareBatch(FINISH);
            batch.forEach((k, f) -> b.bind("r", f.reply()).bind("e", f.expiresAt()).bind("k", k).add());
            b.execute();
        });
    }

    /** The admission statements run on PostgreSQL so far (for tests). */
    long admissionStatements() {
        return admissions.statements();
    }

    /**
     * Renews, on the writer's thread, the leases of this node's claims that have run a quarter of a lease or more (a
     * slow handler, or a finish the database has not taken yet), looking every sixth of a lease by the clock: a claim
     * is normally renewed with more than half its lease left (the writer's own delays come off that). A claim past its
     * record's own expiry is let go. A failed renewal is logged and tried again a twenty-fourth of a lease later.
     * Renewals go in key order, so two nodes' renewals lock rows in the same order.
     */
    private void renewIfDue() {
        long now = clock.millis();
        if (!renewing || running.isEmpty() || now < nextRenewal) {
            return;
        }
        nextRenewal = now + leaseMillis / 6;
        Map<String, Long> due = new TreeMap<>();
        for (Map.Entry<String, Claim> e : running.entrySet()) {
            Claim c = e.getValue();
            if (c.expiresAt() <= now) {
                running.remove(e.getKey(), c);
            } else if (now - c.leasedAt() >= leaseMillis / 4) {
                due.put(e.getKey(), leaseEnd(now, c.expiresAt()));
            }
        }
        if (due.isEmpty()) {
            return;
        }
        try {
            jdbi.useTransaction(h -> {
                var b = h.prepareBatch("UPDATE wx_dedupe SET lease_until = :e WHERE msg_key = :k AND state = "
                        + "'IN_PROGRESS'");
                due.forEach((k, e) -> b.bind("e", e).bind("k", k).add());
                b.execute();
            });
            due.forEach((k, e) -> running.computeIfPresent(k, (key, c) -> new Claim(now, c.expiresAt())));
            renewed.addAndGet(due.size());
        } catch (RuntimeException e) {
            nextRenewal = now + leaseMillis / 24;
            LOG.warn("dedupe claim renewal of {} claims failed: {}", due.size(), e.getClass().getSimpleName());
        }
    }

    /** The claim renewals written so far (for tests). */
    long renewals() {
        return renewed.get();
    }

    /** Stops renewing this node's claims, as a node that died would (for tests). */
    void stopRenewing() {
        renewing = false;
    }

    /** Stops the finish writer and writes what it had not written. */
    void close() {
        closed = true;
        work.release();
        Thread t = writer;
        if (t != null) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (writeUnwritten() > 0) {
            // until nothing is left
        }
    }

    /** One statement in its own transaction on plain JDBC; returns the rows it changed. */
    private int update(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Long l) {
                    st.setLong(i + 1, l);
                } else {
                    st.setString(i + 1, (String) params[i]);
                }
            }
            int n = st.executeUpdate();
            endTransaction(c);
            return n;
        } catch (SQLException e) {
            throw new WeChatException("delivery claim failed: " + e.getMessage(), e);
        }
    }

    /** Commits when the pool hands out connections without auto-commit (with it, the statement has committed). */
    private static void endTransaction(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * Deletes expired rows every 1,024 operations of this instance: on the finish writer's thread, so no delivery
     * waits for it (here only when the store is closed).
     */
    void sweep() {
        if ((operations.incrementAndGet() & 1023) == 0) {
            if (closed) {
                sweepNow();
                return;
            }
            sweepDue = true;
            startWriter();
            work.release();
        }
    }

    /** The writer's sweep, when one is due; a failed sweep is logged and left to the next. */
    private void sweepIfDue() {
        if (sweepDue) {
            sweepDue = false;
            try {
                sweepNow();
            } catch (RuntimeException e) {
                LOG.warn("dedupe expiry sweep failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    int sweepNow() {
        long now = clock.millis();
        if (postgres) {
            // through the expiry index whatever the statistics say: without them a range matches a third of the table
            // for the planner, so a plain range delete was a scan of the whole table every sweep
            return jdbi.inTransaction(h -> {
                h.execute("SET LOCAL synchronous_commit = off");
                h.execute("SET LOCAL enable_seqscan = off");
                return deleteExpired(h, now);
            });
        }
        return jdbi.withHandle(h -> deleteExpired(h, now));
    }

    private static int deleteExpired(Handle h, long now) {
        return h.createUpdate("DELETE FROM wx_nonce WHERE expires_at < :now").bind("now", now).execute()
                + h.createUpdate("DELETE FROM wx_dedupe WHERE expires_at < :now").bind("now", now).execute();
    }
}
