package org.wechatmp.storage.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.crypto.EncryptMode;
import org.wechatmp.core.AccountRegistry;

/**
 * Accounts in the {@code wx_account} table. Reads come from a snapshot refreshed every few seconds (the callback
 * asks for every request); this instance's own writes refresh it at once. Secrets, tokens and AES keys are sealed
 * with AES-GCM when the storage has a master key.
 */
public final class JdbiAccountRegistry implements AccountRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long REFRESH_MILLIS = 5_000;

    private final Jdbi jdbi;
    private final SecretCipher cipher;
    private final Clock clock;
    private volatile Map<String, Account> snapshot = Map.of();
    private volatile long loadedAt;
    private volatile boolean loaded;

    JdbiAccountRegistry(Jdbi jdbi, SecretCipher cipher, Clock clock) {
        this.jdbi = jdbi;
        this.cipher = cipher;
        this.clock = clock;
    }

    private Map<String, Account> accounts() {
        long now = clock.millis();
        if (!loaded || now - loadedAt > REFRESH_MILLIS) {
            reload();
        }
        return snapshot;
    }

    /** Re-reads every account now. */
    public void reload() {
        List<Account> all = jdbi.withHandle(h -> h.createQuery("SELECT * FROM wx_account").map((rs, ctx) ->
                new Account(rs.getString("name"), rs.getString("title"), Account.Type.valueOf(
                        rs.getString("account_type")), rs.getString("app_id"), cipher.open(rs.getString("secret")),
                        cipher.open(rs.getString("token")), cipher.open(rs.getString("aes_key")),
                        EncryptMode.valueOf(rs.getString("encrypt_mode")), rs.getBoolean("log_messages"),
                        rs.getBoolean("log_replies"), options(rs.getString("options_json")))).list());
        snapshot = all.stream().collect(Collectors.toUnmodifiableMap(Account::name, Function.identity()));
        loadedAt = clock.millis();
        loaded = true;
    }

    @Override
    public Optional<Account> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(accounts().get(name));
    }

    @Override
    public List<Account> all() {
        return List.copyOf(accounts().values());
    }

    /**
     * Inserts or replaces an account.
     *
     * @param a the account
     */
    public void save(Account a) {
        String options;
        try {
            options = JSON.writeValueAsString(a.options());
        } catch (JsonProcessingException e) {
            throw new WeChatException("cannot store account options", e);
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM wx_account WHERE name = :name").bind("name", a.name()).execute();
            h.createUpdate("INSERT INTO wx_account (name, title, account_type, app_id, secret, token, aes_key, "
                    + "encrypt_mode, log_messages, log_replies, options_json, updated_at) VALUES (:name, :title, "
                    + ":type, :appId, :secret, :token, :aesKey, :mode, :logMessages, :logReplies, :options, :now)")
                    .bind("name", a.name()).bind("title", a.title()).bind("type", a.type().name())
                    .bind("appId", a.appId()).bind("secret", cipher.seal(a.secret()))
                    .bind("token", cipher.seal(a.token())).bind("aesKey", cipher.seal(a.aesKey()))
                    .bind("mode", a.encryptMode().name()).bind("logMessages", a.logMessages())
                    .bind("logReplies", a.logReplies()).bind("options", options).bind("now", clock.millis())
                    .execute();
        });
        reload();
    }

    /**
     * Deletes an account.
     *
     * @param name the account name
     */
    public void delete(String name) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM wx_account WHERE name = :name").bind("name", name).execute());
        reload();
    }

    private static Map<String, String> options(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
