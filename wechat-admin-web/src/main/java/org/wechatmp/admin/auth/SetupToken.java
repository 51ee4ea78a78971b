package org.wechatmp.admin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one-time token that {@code /setup} asks for while no admin exists (printed in the log on start, as Jenkins
 * does). Used up by the first superuser's creation.
 */
public final class SetupToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final AtomicReference<String> token;

    private SetupToken(String token) {
        this.token = new AtomicReference<>(token);
    }

    /**
     * A fresh random token.
     *
     * @return the token holder
     */
    public static SetupToken random() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return new SetupToken(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /**
     * No token: setup is closed.
     *
     * @return a used-up holder
     */
    public static SetupToken none() {
        return new SetupToken(null);
    }

    /**
     * The token to print, or {@code null} once used.
     *
     * @return the token
     */
    public String value() {
        return token.get();
    }

    /**
     * Whether a typed token matches (in constant time).
     *
     * @param typed the typed token
     * @return whether it matches the live token
     */
    public boolean matches(String typed) {
        String t = token.get();
        return t != null && typed != null && MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8),
                typed.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** Uses the token up. */
    public void consume() {
        token.set(null);
    }
}
