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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.callback.DeliveryGate;

/**
 * The shared deduplication and nonce stores: the primary key makes every node agree on who claimed a message or a
 * nonce first; expired rows are taken over and deleted now and then (every 1,024 operations, not on each request).
 * Keys are stored as the SHA-256 of their UTF-8 bytes (64 hex characters), so a key of any length fits its column: a
 * dedupe key holds the EventKey (a VIEW button's URL, or anything a client sends) and a nonce is chosen by the
 * sender.
 *
 * <p>On PostgreSQL each claim is one statement, {@code INSERT ... ON CONFLICT ... DO UPDATE ... WHERE expires_at <
 * now}: a new row or the take-over of an expired one in one round trip, with no duplicate-key exception on a replay.
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
 * then, fed by its {@code RETURNING} row so that a reused nonce claims nothing, the dedupe insert, and the key's
 * current state for a key that was not claimed; with {@link #finish} a delivery costs two round trips.
 *
 * <p>On H2 and MariaDB a claim is an insert, and on a duplicate key a conditional update of an expired row.
 */
final class JdbiDeliveryStore implements DeliveryGate {
    /** Turns off the WAL-flush wait for the enclosing transaction only (PostgreSQL). */
    private static final String ASYNC = "WITH c AS (SELECT set_config('synchronous_commit', 'off', true)) ";
    private static final String PG_NONCE = ASYNC + "INSERT INTO wx_nonce (account, nonce, expires_at) "
            + "SELECT ?, ?, ? FROM c ON CONFLICT (account, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at "
            + "WHERE wx_nonce.expires_at < ?";
    private static final String PG_CLAIM = ASYNC + "INSERT INTO wx_dedupe (msg_key, state, expires_at) "
            + "SELECT ?, 'IN_PROGRESS', ? FROM c ON CONFLICT (msg_key) DO UPDATE SET state = 'IN_PROGRESS', "
            + "reply = NULL, expires_at = EXCLUDED.expires_at WHERE wx_dedupe.expires_at < ?";
    private static final String PG_ADMIT = "WITH c AS (SELECT set_config('synchronous_commit', 'off', true)), "
            + "n AS (INSERT INTO wx_nonce (account, nonce, expires_at) SELECT ?, ?, ? FROM c "
            + "ON CONFLICT (account, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at "
            + "WHERE wx_nonce.expires_at < ? RETURNING 1 AS fresh), "
            + "d AS (INSERT INTO wx_dedupe (msg_key, state, expires_at) SELECT ?, 'IN_PROGRESS', ? FROM n "
            + "ON CONFLICT (msg_key) DO UPDATE SET state = 'IN_PROGRESS', reply = NULL, "
            + "expires_at = EXCLUDED.expires_at WHERE wx_dedupe.expires_at < ? RETURNING 1 AS claimed) "
            + "SELECT (SELECT count(*) FROM n), (SELECT count(*) FROM d), s.state, s.reply FROM (SELECT 1) one "
            + "LEFT JOIN wx_dedupe s ON s.msg_key = ? AND s.expires_at >= ?";
    private static final String PG_FINISH = ASYNC + "UPDATE wx_dedupe SET state = 'DONE', reply = ?, "
            + "expires_at = ? FROM c WHERE msg_key = ?";
    private static final String PG_FIND = "SELECT state, reply FROM wx_dedupe WHERE msg_key = ? AND expires_at >= ?";
    private static final String FINISH = "UPDATE wx_dedupe SET state = 'DONE', reply = :r, expires_at = :e "
            + "WHERE msg_key = :k";

    private final Jdbi jdbi;
    private final DataSource ds;
    private final Clock clock;
    private final boolean postgres;
    private final AtomicLong operations = new AtomicLong();

    JdbiDeliveryStore(Jdbi jdbi, DataSource ds, Clock clock, String vendor) {
        this.jdbi = jdbi;
        this.ds = ds;
        this.clock = clock;
        this.postgres = "postgresql".equals(vendor);
    }

    /** The stored form of a key: lower-case hex SHA-256 of its UTF-8 bytes. */
    static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new org.wechatmp.core.WeChatException("SHA-256 is missing from this JVM", e);
        }
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
        String key = digest(rawKey);
        long now = clock.millis();
        if (postgres) {
            return update(PG_CLAIM, key, expiresAt.toEpochMilli(), now) == 1 ? new Status(State.CLAIMED, "")
                    : find(key).orElse(new Status(State.IN_PROGRESS, ""));
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_dedupe (msg_key, state, expires_at) VALUES (:k, "
                    + "'IN_PROGRESS', :e)").bind("k", key).bind("e", expiresAt.toEpochMilli()).execute());
            return new Status(State.CLAIMED, "");
        } catch (RuntimeException e) {
            if (!Sql.isDuplicate(e)) {
                throw e;
            }
        }
        int taken = jdbi.withHandle(h -> h.createUpdate("UPDATE wx_dedupe SET state = 'IN_PROGRESS', reply = NULL, "
                + "expires_at = :e WHERE msg_key = :k AND expires_at < :now").bind("e", expiresAt.toEpochMilli())
                .bind("k", key).bind("now", now).execute());
        if (taken == 1) {
            return new Status(State.CLAIMED, "");
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
        String key = digest(rawKey);
        long now = clock.millis();
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(PG_ADMIT)) {
            st.setString(1, account);
            st.setString(2, nonce);
            st.setLong(3, nonceExpiresAt.toEpochMilli());
            st.setLong(4, now);
            st.setString(5, key);
            st.setLong(6, keyExpiresAt.toEpochMilli());
            st.setLong(7, now);
            st.setString(8, key);
            st.setLong(9, now);
            Optional<Status> result;
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    result = Optional.empty();
                } else if (rs.getLong(2) == 1) {
                    result = Optional.of(new Status(State.CLAIMED, ""));
                } else if (rs.getString(3) != null) {
                    result = Optional.of(new Status(State.valueOf(rs.getString(3)), rs.getString(4) == null ? ""
                            : rs.getString(4)));
                } else {
                    result = null; // claimed by a transaction that committed after this statement's snapshot
                }
            }
            endTransaction(c);
            return result != null ? result : Optional.of(find(key).orElse(new Status(State.IN_PROGRESS, "")));
        } catch (SQLException e) {
            throw new WeChatException("delivery admission failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Status> get(String rawKey) {
        return find(digest(rawKey));
    }

    private Optional<Status> find(String key) {
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
        String key = digest(rawKey);
        if (postgres) {
            update(PG_FINISH, reply == null ? "" : reply, expiresAt.toEpochMilli(), key);
            return;
        }
        jdbi.useHandle(h -> h.createUpdate(FINISH).bind("r", reply == null ? "" : reply)
                .bind("e", expiresAt.toEpochMilli()).bind("k", key).execute());
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

    /** Deletes expired rows; runs every 1,024 operations of this instance. */
    void sweep() {
        if ((operations.incrementAndGet() & 1023) == 0) {
            sweepNow();
        }
    }

    int sweepNow() {
        long now = clock.millis();
        String prefix = postgres ? ASYNC : "";
        String using = postgres ? " USING c" : "";
        return jdbi.withHandle(h -> h.createUpdate(prefix + "DELETE FROM wx_nonce" + using + " WHERE expires_at < :now")
                .bind("now", now).execute() + h.createUpdate(prefix + "DELETE FROM wx_dedupe" + using
                + " WHERE expires_at < :now").bind("now", now).execute());
    }
}
