package org.wechatmp.core.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.LoggerFactory;
import org.wechatmp.core.web.WebException;

/**
 * The key of web sign-in: it signs the OAuth {@code state} (bound to the browser that started sign-in, valid ten
 * minutes) and the sign-in token of a signed-in user (valid twelve hours). Each purpose has its own key derived from
 * the one configured ({@code HMAC-SHA256(key, purpose)}), so a value made for one purpose is never accepted for
 * another (a sign-in cookie is not a state).
 *
 * <p>Configure the same key on every node ({@link #of(String)}, e.g. from the environment variable
 * {@value #ENV}): with a generated key ({@link #random()}) sign-in started on one node fails on another and after a
 * restart, and a warning says so once.
 */
public final class OAuthStateSigner {
    /** The environment variable the examples read the key from. */
    public static final String ENV = "WECHAT_OAUTH_KEY";
    /** How long a state is accepted. */
    public static final Duration STATE_TTL = Duration.ofMinutes(10);

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private static final int STATE_MAC_BYTES = 16;
    private static final int BINDING_HASH_BYTES = 12;

    private final SecretKeySpec stateKey;
    private final SecretKeySpec sessionKey;
    private final Clock clock;
    private final boolean generated;
    private final AtomicBoolean warned = new AtomicBoolean();

    private OAuthStateSigner(byte[] key, Clock clock, boolean generated) {
        SecretKeySpec master = new SecretKeySpec(key, "HmacSHA256");
        this.stateKey = new SecretKeySpec(mac(master, "wechatmp/oauth-state/v1".getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256");
        this.sessionKey = new SecretKeySpec(mac(master, "wechatmp/sign-in/v1".getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256");
        Arrays.fill(key, (byte) 0);
        this.clock = clock;
        this.generated = generated;
    }

    /**
     * A signer with a generated key: states and sign-ins are valid only in this process, and a warning is logged
     * once when it is first used.
     *
     * @return the signer
     */
    public static OAuthStateSigner random() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new OAuthStateSigner(k, Clock.systemUTC(), true);
    }

    /**
     * A signer with a configured key, so every node of a cluster accepts the others' states and sign-ins.
     *
     * @param secret at least 16 bytes of secret
     * @param clock the clock
     * @return the signer
     */
    public static OAuthStateSigner of(byte[] secret, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the OAuth key needs at least 16 bytes");
        }
        return new OAuthStateSigner(secret.clone(), clock, false);
    }

    /**
     * A signer with a configured key given as text (e.g. 32+ random characters, or base64 of 32 bytes).
     *
     * @param secret at least 32 characters
     * @return the signer
     */
    public static OAuthStateSigner of(String secret) {
        return of(secret, Clock.systemUTC());
    }

    /**
     * A signer with a configured key given as text.
     *
     * @param secret at least 32 characters
     * @param clock the clock
     * @return the signer
     */
    public static OAuthStateSigner of(String secret, Clock clock) {
        if (secret == null || secret.trim().length() < 32) {
            throw new IllegalArgumentException("the OAuth key needs at least 32 characters");
        }
        return of(secret.trim().getBytes(StandardCharsets.UTF_8), clock);
    }

    /**
     * The key from {@value #ENV}, or a generated one (with the warning) when it is unset.
     *
     * @param env the environment, e.g. {@code System.getenv()}
     * @return the signer
     */
    public static OAuthStateSigner fromEnv(Map<String, String> env) {
        String k = env.get(ENV);
        return k == null || k.isBlank() ? random() : of(k);
    }

    /**
     * Whether the key was generated rather than configured.
     *
     * @return whether generated
     */
    public boolean generatedKey() {
        return generated;
    }

    /** What a verified state says. */
    record State(String id, long issued) {
    }

    /** The hash of a browser binding that goes into a state (the binding itself stays in the browser). */
    static byte[] bindingHash(String binding) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("wechatmp/binding\n" + binding)
                    .getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(h, BINDING_HASH_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code issued36.bindingHash.mac}: about 47 characters of {@code [A-Za-z0-9_.-]}. */
    String signState(String account, String binding) {
        warnIfGenerated();
        String issued = Long.toString(clock.millis() / 1000, 36);
        String bind = ENC.encodeToString(bindingHash(binding));
        return issued + "." + bind + "." + ENC.encodeToString(stateMac(account, issued, bind));
    }

    /**
     * Verifies a state.
     *
     * @throws WebException 400 when it is not a state at all, 403 when forged, expired, for another account or
     *     started in another browser
     */
    State verifyState(String account, String state, String binding) {
        if (state == null || state.length() > 128 || !state.matches("[0-9a-z]{1,13}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22}")) {
            throw new WebException(400, "malformed sign-in state");
        }
        String[] p = state.split("\\.");
        byte[] mac;
        long issued;
        try {
            mac = DEC.decode(p[2]);
            issued = Long.parseLong(p[0], 36);
        } catch (IllegalArgumentException e) {
            throw new WebException(400, "malformed sign-in state");
        }
        if (!MessageDigest.isEqual(stateMac(account, p[0], p[1]), mac)) {
            throw new WebException(403, "sign-in state is not valid");
        }
        long now = clock.millis() / 1000;
        if (now - issued > STATE_TTL.getSeconds() || issued - now > 60) {
            throw new WebException(403, "sign-in took too long; open the page again");
        }
        if (binding == null || !MessageDigest.isEqual(DEC.decode(p[1]), bindingHash(binding))) {
            throw new WebException(403, "sign-in was started in another browser; open the page again");
        }
        return new State(p[2], issued);
    }

    private byte[] stateMac(String account, String issued, String bind) {
        byte[] m = mac(stateKey, (account + "\n" + issued + "\n" + bind).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(m, STATE_MAC_BYTES);
    }

    /** {@code w1.base64url(payload).base64url(mac)}. */
    String signSession(String payload) {
        warnIfGenerated();
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return "w1." + ENC.encodeToString(p) + "." + ENC.encodeToString(mac(sessionKey, p));
    }

    /** The payload of an authentic sign-in token; anything else is empty, never an exception. */
    Optional<String> verifySession(String token) {
        if (token == null || token.length() > 4096 || !token.startsWith("w1.")) {
            return Optional.empty();
        }
        int dot = token.indexOf('.', 3);
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] p = DEC.decode(token.substring(3, dot));
            byte[] sig = DEC.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(sessionKey, p), sig)) {
                return Optional.empty();
            }
            return Optional.of(new String(p, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void warnIfGenerated() {
        if (generated && warned.compareAndSet(false, true)) {
            LoggerFactory.getLogger("wechat.oauth").warn("No OAuth key is configured ({} or "
                    + "WeChatRuntimeBuilder.stateSigner): using a generated key, so sign-in breaks across nodes "
                    + "and restarts", ENV);
        }
    }

    private static byte[] mac(SecretKeySpec key, byte[] payload) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
