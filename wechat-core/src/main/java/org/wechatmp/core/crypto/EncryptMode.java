package org.wechatmp.core.crypto;

import java.util.Locale;

/**
 * The message encryption mode an account is configured with in the WeChat console.
 */
public enum EncryptMode {
    /** Plaintext: messages are only signed. */
    PLAIN,
    /** Compatible: plaintext fields and the {@code Encrypt} envelope side by side; both kinds of request accepted. */
    COMPATIBLE,
    /** Safe: every message is encrypted; plaintext requests are refused. */
    SAFE;

    /**
     * Parses a mode name case-insensitively ({@code plain}, {@code compatible}, {@code safe}; {@code aes} means safe).
     *
     * @param name the name
     * @return the mode
     * @throws IllegalArgumentException for an unknown name
     */
    public static EncryptMode parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "plain", "" -> PLAIN;
            case "compatible", "compat" -> COMPATIBLE;
            case "safe", "aes" -> SAFE;
            default -> throw new IllegalArgumentException("unknown encrypt mode: " + name
                    + " (expected plain, compatible or safe)");
        };
    }
}
