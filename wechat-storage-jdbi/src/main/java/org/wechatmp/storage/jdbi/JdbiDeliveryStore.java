package org.wechatmp.storage.jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.callback.Deduplicator;
import org.wechatmp.core.callback.NonceStore;

/**
 * The shared deduplication and nonce stores: the primary key makes every node agree on who claimed a message or a
 * nonce first; expired rows are taken over with a conditional update and swept now and then. Keys are stored as
 * the SHA-256 of their UTF-8 bytes (64 hex characters), so a key of any length fits its column: a dedupe key holds
 * the EventKey (a VIEW button's URL, or anything a client sends) and a nonce is chosen by the sender.
 */
final class JdbiDeliveryStore implements Deduplicator, NonceStore {
    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicLong operations = new AtomicLong();

    JdbiDeliveryStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
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
                .bind("n", nonce).bind("now", clock.millis()).execute()) == 1;
    }

    @Override
    public Status begin(String rawKey, Instant expiresAt) {
        sweep();
        String key = digest(rawKey);
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
                .bind("k", key).bind("now", clock.millis()).execute());
        if (taken == 1) {
            return new Status(State.CLAIMED, "");
        }
        return find(key).orElse(new Status(State.IN_PROGRESS, ""));
    }

    @Override
    public Optional<Status> get(String rawKey) {
        return find(digest(rawKey));
    }

    private Optional<Status> find(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state, reply FROM wx_dedupe WHERE msg_key = :k AND "
                + "expires_at >= :now").bind("k", key).bind("now", clock.millis())
                .map((rs, ctx) -> new Status(State.valueOf(rs.getString("state")), rs.getString("reply") == null ? ""
                        : rs.getString("reply"))).findOne());
    }

    @Override
    public void finish(String rawKey, String reply, Instant expiresAt) {
        String key = digest(rawKey);
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_dedupe SET state = 'DONE', reply = :r, expires_at = :e WHERE "
                + "msg_key = :k").bind("r", reply == null ? "" : reply).bind("e", expiresAt.toEpochMilli())
                .bind("k", key).execute());
    }

    /** Deletes expired rows; runs every 1,024 operations of this instance. */
    void sweep() {
        if ((operations.incrementAndGet() & 1023) == 0) {
            sweepNow();
        }
    }

    int sweepNow() {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM wx_nonce WHERE expires_at < :now").bind("now", now)
                .execute() + h.createUpdate("DELETE FROM wx_dedupe WHERE expires_at < :now").bind("now", now)
                .execute());
    }
}
