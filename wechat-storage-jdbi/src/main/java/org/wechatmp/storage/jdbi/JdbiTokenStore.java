package org.wechatmp.storage.jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.client.StoredToken;
import org.wechatmp.core.client.TokenStore;

/**
 * The shared token store: a row per credential holding the token and a refresh lease. The lease is taken with a
 * conditional UPDATE (or the INSERT of a missing row, where the primary key lets one node win), so across every
 * process on the database exactly one refreshes; a rejected token is dropped only if it is still the stored one.
 * With a master key, token values (access tokens, JS-SDK and card tickets) are sealed like account secrets
 * ({@code gcm:...}); a plaintext value stored before the key was configured still reads, and is sealed at the next
 * refresh.
 */
final class JdbiTokenStore implements TokenStore {
    private final Jdbi jdbi;
    private final java.time.Clock clock;
    private final SecretCipher cipher;

    JdbiTokenStore(Jdbi jdbi, java.time.Clock clock, SecretCipher cipher) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cipher = cipher;
    }

    @Override
    public Optional<StoredToken> get(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT token_value, expires_at FROM wx_token WHERE token_key = :k")
                .bind("k", key).map((rs, ctx) -> {
                    String v = rs.getString("token_value");
                    long exp = rs.getLong("expires_at");
                    return v == null ? null : new StoredToken(cipher.open(v), Instant.ofEpochMilli(exp));
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
        String sealed = cipher.seal(token.value());
        int updated = jdbi.withHandle(h -> h.createUpdate("UPDATE wx_token SET token_value = :v, expires_at = :e "
                + "WHERE token_key = :k").bind("v", sealed).bind("e", token.expiresAt().toEpochMilli())
                .bind("k", key).execute());
        if (updated == 0) {
            try {
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO wx_token (token_key, token_value, expires_at, "
                        + "lease_until) VALUES (:k, :v, :e, 0)").bind("k", key).bind("v", sealed)
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
        // a sealed value differs from its plaintext (and from every other sealing of it): compare opened values,
        // then drop the row only if it still holds the very value compared
        Optional<String> stored = jdbi.withHandle(h -> h.createQuery("SELECT token_value FROM wx_token WHERE "
                + "token_key = :k").bind("k", key).mapTo(String.class).findOne());
        if (stored.isEmpty() || stored.get() == null || failedValue == null || !MessageDigest.isEqual(
                cipher.open(stored.get()).getBytes(StandardCharsets.UTF_8),
                failedValue.getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        return jdbi.withHandle(h -> h.createUpdate("UPDATE wx_token SET token_value = NULL, expires_at = NULL WHERE "
                + "token_key = :k AND token_value = :v").bind("k", key).bind("v", stored.get()).execute()) == 1;
    }
}
