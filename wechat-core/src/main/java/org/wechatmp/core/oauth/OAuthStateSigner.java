package org.wechatmp.core.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the OAuth {@code state} so a callback cannot be forged (CSRF) and the return path cannot be tampered with:
 * {@code base64url(account \n issued \n returnTo) . base64url(HMAC-SHA256)}. States expire after ten minutes.
 */
public final class OAuthStateSigner {
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    private OAuthStateSigner(byte[] key, Clock clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
    }

    /**
     * A signer with a random key: states stay valid only in this process.
     *
     * @return the signer
     */
    public static OAuthStateSigner random() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new OAuthStateSigner(k, Clock.systemUTC());
    }

    /**
     * A signer with a configured key, so every node of a cluster accepts the others' states.
     *
     * @param secret at least 16 bytes of secret
     * @param clock the clock
     * @return the signer
     */
    public static OAuthStateSigner of(byte[] secret, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the state key needs at least 16 bytes");
        }
        return new OAuthStateSigner(secret.clone(), clock);
    }

    /**
     * Signs a state.
     *
     * @param account the account name
     * @param returnTo the local path to return to
     * @return the state
     */
    public String sign(String account, String returnTo) {
        String payload = account + "\n" + clock.millis() / 1000 + "\n" + returnTo;
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return ENC.encodeToString(p) + "." + ENC.encodeToString(mac(p));
    }

    /**
     * Verifies a state for an account.
     *
     * @param account the account name the callback is for
     * @param state the {@code state} parameter
     * @return the return path, when the state is authentic, fresh and for this account
     */
    public Optional<String> verify(String account, String state) {
        return verify(account, state, TTL);
    }

    /**
     * Verifies a signed value with a given lifetime (e.g. a sign-in cookie).
     *
     * @param account the account name it must be for
     * @param state the signed value
     * @param ttl how long after signing it is accepted
     * @return the value, when authentic, fresh and for this account
     */
    public Optional<String> verify(String account, String state, Duration ttl) {
        if (state == null) {
            return Optional.empty();
        }
        int dot = state.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] p = DEC.decode(state.substring(0, dot));
            byte[] sig = DEC.decode(state.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(p), sig)) {
                return Optional.empty();
            }
            String[] parts = new String(p, StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length != 3 || !parts[0].equals(account)) {
                return Optional.empty();
            }
            long issued = Long.parseLong(parts[1]);
            long now = clock.millis() / 1000;
            if (now - issued > ttl.getSeconds() || issued - now > 60) {
                return Optional.empty();
            }
            return Optional.of(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The account a signed value claims to be for, without verifying it (verify with {@link #verify}).
     *
     * @param signed the signed value
     * @return the account name, if the value is well-formed
     */
    public static Optional<String> accountOf(String signed) {
        if (signed == null || signed.indexOf('.') <= 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(DEC.decode(signed.substring(0, signed.indexOf('.'))), StandardCharsets.UTF_8);
            int nl = payload.indexOf('\n');
            return nl <= 0 ? Optional.empty() : Optional.of(payload.substring(0, nl));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
