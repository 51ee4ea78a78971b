package org.wechatmp.storage.jdbi;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.client.StoredToken;
import org.wechatmp.core.client.TokenStore;

/**
 * The shared token store: a row per credential holding the token and a refresh lease. The lease is taken with a
 * conditional UPDATE (or the INSERT of a missing row, where the primary key lets one node win), so across every
 * process on the database exactly one refreshes; a rejected token is dropped only if it is still the stored one.
 */
final class JdbiTokenStore implements TokenStore {
    private final Jdbi jdbi;
    private final java.time.Clock clock;

    JdbiTokenStore(Jdbi jdbi, java.time.Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Optional<StoredToken> get(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT token_value, expires_at FROM wx_token WHERE token_key = :k")
                .bind("k", key).map((rs, ctx) -> {
                    String v = rs.getString("token_value");
                    long exp = rs.getLong("expires_at");
                    return v == null ? null : new StoredToken(v, Instant.ofEpochMilli(exp));
                }).findOne());
    }

    @Override
    public boolean tryLease(String key, String owner, Instant until) {
        long now = clock.millis();
        int updated = jdbi.withHandle(h -> h.createUpdate("UPDATE wx_token SET lease_owner = :owner, lease_until = "
                + ":until WHERE token_key = :k AND (lease_until < :now OR lease_owner = :owner)")
                .bind("owner", owner).bind("until", until.toEpochMilli()).bind("k", key).bind("now", now).execute());
        if (updated == 1) {
            return true;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_token (token_key, lease_owner, lease_until) VALUES "
                    + "(:k, :owner, :until)").bind("k", key).bind("owner", owner).bind("until", until.toEpochMilli())
                    .execute());
            return true;
        } catch (RuntimeException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void releaseLease(String key, String owner) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE wx_token SET lease_owner = NULL, lease_until = 0 WHERE token_key = "
                + ":k AND lease_owner = :owner").bind("k", key).bind("owner", owner).execute());
    }

    @Override
    public void put(String key, StoredToken token) {
        int updated = jdbi.withHandle(h -> h.createUpdate("UPDATE wx_token SET token_value = :v, expires_at = :e "
                + "WHERE token_key = :k").bind("v", token.value()).bind("e", token.expiresAt().toEpochMilli())
                .bind("k", key).execute());
        if (updated == 0) {
            try {
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_token (token_key, token_value, expires_at, "
                        + "lease_until) VALUES (:k, :v, :e, 0)").bind("k", key).bind("v", token.value())
                        .bind("e", token.expiresAt().toEpochMilli()).execute());
            } catch (RuntimeException e) {
                if (!Sql.isDuplicate(e)) {
                    throw e;
                }
                put(key, token);
            }
        }
    }

    @Override
    public boolean expireIf(String key, String failedValue) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE wx_token SET token_value = NULL, expires_at = NULL WHERE "
                + "token_key = :k AND token_value = :v").bind("k", key).bind("v", failedValue).execute()) == 1;
    }
}
