package org.wechatmp.storage.jdbi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.wechatmp.core.WeChatException;

/**
 * Encrypts secrets at rest (account secrets, access tokens, tickets) with AES-256-GCM under a master key:
 * {@code gcm:base64(iv || ciphertext+tag)}. The {@code gcm:} marker tells sealed values from plaintext ones, so a
 * value stored before a key was configured still reads. Without a master key values are stored as they are; a
 * stored sealed value then cannot be read, and says so.
 */
final class SecretCipher {
    private static final String PREFIX = "gcm:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretCipher(byte[] masterKey) {
        if (masterKey != null && masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = masterKey == null ? null : new SecretKeySpec(masterKey, "AES");
    }

    String seal(String plain) {
        if (key == null || plain == null || plain.isEmpty()) {
            return plain == null ? "" : plain;
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + ct.length).put(iv).put(ct)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new WeChatException("cannot encrypt a secret: " + e.getClass().getSimpleName());
        }
    }

    String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored == null ? "" : stored;
        }
        if (key == null) {
            throw new WeChatException("stored secrets are encrypted; configure the master key to read them");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WeChatException("cannot decrypt a stored secret: wrong master key or damaged value");
        }
    }
}
