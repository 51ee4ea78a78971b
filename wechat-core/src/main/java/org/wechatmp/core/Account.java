package org.wechatmp.core;

import java.util.Map;
import java.util.Objects;
import org.wechatmp.core.crypto.EncryptMode;

/**
 * One official account as the framework knows it: its name (the URL key), the credentials from the WeChat console
 * and its options. Immutable; {@link #toString()} never shows the secret, the token or the AES key.
 *
 * @param name the unique name used in URLs and logger names, e.g. {@code demo}
 * @param title a display name
 * @param type service account, subscription account or other
 * @param appId the appId
 * @param secret the app secret (may be empty for an account that only answers callbacks)
 * @param token the callback token
 * @param aesKey the EncodingAESKey, or empty in plain mode
 * @param encryptMode the message encryption mode
 * @param logMessages whether inbound messages are written to the message log
 * @param logReplies whether replies are written to the message log too
 * @param options further per-account options, e.g. {@code api_base}, {@code token_url}, {@code oauth_url}
 */
public record Account(String name, String title, Type type, String appId, String secret, String token,
        String aesKey, EncryptMode encryptMode, boolean logMessages, boolean logReplies,
        Map<String, String> options) {

    /** The kinds of official account. */
    public enum Type {
        /** A service account (服务号): OAuth, menus, templates. */
        SERVICE,
        /** A subscription account (订阅号). */
        SUBSCRIPTION,
        /** Anything else, e.g. a test account. */
        OTHER
    }

    /**
     * Validates and copies.
     *
     * @param name the unique name used in URLs and logger names, e.g. {@code demo}
     * @param title a display name
     * @param type service account, subscription account or other
     * @param appId the appId
     * @param secret the app secret (may be empty for an account that only answers callbacks)
     * @param token the callback token
     * @param aesKey the EncodingAESKey, or empty in plain mode
     * @param encryptMode the message encryption mode
     * @param logMessages whether inbound messages are written to the message log
     * @param logReplies whether replies are written to the message log too
     * @param options further per-account options, e.g. {@code api_base}, {@code token_url}, {@code oauth_url}
     */
    public Account {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[-_a-zA-Z0-9]{1,64}")) {
            throw new IllegalArgumentException("an account name is 1-64 letters, digits, '-' or '_': " + name);
        }
        Objects.requireNonNull(appId, "appId");
        title = title == null ? name : title;
        type = type == null ? Type.SERVICE : type;
        secret = secret == null ? "" : secret;
        token = token == null ? "" : token;
        aesKey = aesKey == null ? "" : aesKey;
        encryptMode = encryptMode == null ? EncryptMode.PLAIN : encryptMode;
        options = options == null ? Map.of() : Map.copyOf(options);
        if (encryptMode != EncryptMode.PLAIN && aesKey.isEmpty()) {
            throw new IllegalArgumentException("account " + name + " is in " + encryptMode + " mode but has no AES key");
        }
    }

    /**
     * A minimal account: name, appId, secret, token, plaintext mode.
     *
     * @param name the name
     * @param appId the appId
     * @param secret the secret
     * @param token the callback token
     * @return the account
     */
    public static Account of(String name, String appId, String secret, String token) {
        return new Account(name, name, Type.SERVICE, appId, secret, token, "", EncryptMode.PLAIN, false, false,
                Map.of());
    }

    /**
     * The same account with encryption.
     *
     * @param aesKey the EncodingAESKey
     * @param mode compatible or safe
     * @return a new account
     */
    public Account withEncryption(String aesKey, EncryptMode mode) {
        return new Account(name, title, type, appId, secret, token, aesKey, mode, logMessages, logReplies, options);
    }

    /**
     * The same account with message logging switched.
     *
     * @param messages log inbound messages
     * @param replies log replies too
     * @return a new account
     */
    public Account withLogging(boolean messages, boolean replies) {
        return new Account(name, title, type, appId, secret, token, aesKey, encryptMode, messages, replies, options);
    }

    /**
     * The same account with an option set.
     *
     * @param key the option
     * @param value its value
     * @return a new account
     */
    public Account withOption(String key, String value) {
        Map<String, String> o = new java.util.HashMap<>(options);
        o.put(key, value);
        return new Account(name, title, type, appId, secret, token, aesKey, encryptMode, logMessages, logReplies, o);
    }

    /**
     * An option.
     *
     * @param key the option
     * @return its value, or {@code null}
     */
    public String option(String key) {
        return options.get(key);
    }

    @Override
    public String toString() {
        return "Account[" + name + ", appId=" + appId + ", " + type + ", " + encryptMode + "]";
    }
}
