package org.wechatmp.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-1 signatures of the WeChat protocol, and a constant-time comparison.
 *
 * <ul>
 *   <li>the callback URL signature: {@code sha1(sorted(token, timestamp, nonce))};</li>
 *   <li>the message signature: {@code sha1(sorted(token, timestamp, nonce, encrypt))};</li>
 *   <li>the JS-SDK signature: {@code sha1("jsapi_ticket=..&noncestr=..&timestamp=..&url=..")}.</li>
 * </ul>
 */
public final class Signatures {
    private static final HexFormat HEX = HexFormat.of();
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** One generator per thread: a shared one serializes every reply's nonce and random prefix on its lock. */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
    /**
     * The reply prefix's generator: one self-seeded SHA1PRNG per thread. The default (NativePRNG) shares one locked
     * reader of the system source among all threads, which cost about 1.5 µs per encrypted reply under load.
     */
    private static final ThreadLocal<SecureRandom> PREFIX = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("SHA1PRNG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    });

    private Signatures() {
    }

    /**
     * SHA-1 (lower-case hex) of the items sorted in code-point (= UTF-8 byte) order and joined without a separator.
     *
     * @param items the items; none may be {@code null}
     * @return the 40-character hex digest
     */
    public static String sha1OfSorted(String... items) {
        String[] sorted = items.clone();
        Arrays.sort(sorted, Signatures::compareCodePoints);
        MessageDigest md = SHA1.get();
        md.reset();
        for (String s : sorted) {
            md.update(s.getBytes(StandardCharsets.UTF_8));
        }
        return HEX.formatHex(md.digest());
    }

    /**
     * SHA-1 (lower-case hex) of a string's UTF-8 bytes.
     *
     * @param text the input
     * @return the 40-character hex digest
     */
    public static String sha1(String text) {
        MessageDigest md = SHA1.get();
        md.reset();
        return HEX.formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The callback URL signature WeChat sends as {@code signature}.
     *
     * @param token the account's token
     * @param timestamp the {@code timestamp} parameter
     * @param nonce the {@code nonce} parameter
     * @return the expected signature
     */
    public static String callbackSignature(String token, String timestamp, String nonce) {
        return sha1OfSorted(token, timestamp, nonce);
    }

    /**
     * The message signature WeChat sends as {@code msg_signature} over an encrypted message.
     *
     * @param token the account's token
     * @param timestamp the {@code timestamp} parameter
     * @param nonce the {@code nonce} parameter
     * @param encrypt the base64 ciphertext
     * @return the expected signature
     */
    public static String messageSignature(String token, String timestamp, String nonce, String encrypt) {
        return sha1OfSorted(token, timestamp, nonce, encrypt);
    }

    /**
     * The JS-SDK {@code wx.config} signature.
     *
     * @param jsapiTicket the jsapi_ticket
     * @param nonceStr the nonce
     * @param timestamp seconds since the epoch
     * @param url the page URL without its fragment
     * @return the signature
     */
    public static String jsapiSignature(String jsapiTicket, String nonceStr, long timestamp, String url) {
        int hash = url.indexOf('#');
        String page = hash < 0 ? url : url.substring(0, hash);
        return sha1("jsapi_ticket=" + jsapiTicket + "&noncestr=" + nonceStr + "&timestamp=" + timestamp
                + "&url=" + page);
    }

    /**
     * Compares a received signature with the expected one in constant time, ignoring hex case.
     *
     * @param expected the computed signature
     * @param received the signature from the request; {@code null} never matches
     * @return whether they are equal
     */
    public static boolean matches(String expected, String received) {
        if (received == null || expected == null) {
            return false;
        }
        byte[] a = expected.getBytes(StandardCharsets.US_ASCII);
        byte[] b = received.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            if (b[i] >= 'A' && b[i] <= 'F') {
                b[i] = (byte) (b[i] + 32);
            }
        }
        return MessageDigest.isEqual(a, b);
    }

    /**
     * A random string of letters and digits from {@link SecureRandom}, for nonces and the AES random prefix.
     *
     * @param length how many characters
     * @return the string
     */
    public static String randomAlphanumeric(int length) {
        SecureRandom random = RANDOM.get();
        byte[] b = new byte[length + 8];
        char[] out = new char[length];
        int filled = 0;
        while (filled < length) {
            random.nextBytes(b);
            for (int i = 0; i < b.length && filled < length; i++) {
                int v = b[i] & 0xff;
                if (v < 248) { // 248 = 4 * 62: no modulo bias
                    out[filled++] = ALPHANUMERIC[v % ALPHANUMERIC.length];
                }
            }
        }
        return new String(out);
    }

    static void randomAlphanumeric(byte[] into) {
        // one SecureRandom call; the slight modulo bias does not matter for a prefix that only varies the first block
        PREFIX.get().nextBytes(into);
        for (int i = 0; i < into.length; i++) {
            into[i] = (byte) ALPHANUMERIC[(into[i] & 0xff) % ALPHANUMERIC.length];
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
