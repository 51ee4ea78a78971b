package org.wechatmp.core.crypto;

import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_AES_KEY;
import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_APPID;
import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_BASE64;
import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_CIPHERTEXT;
import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_LENGTH;
import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_PADDING;
import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_SIGNATURE;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256-CBC message envelope of WeChat's safe and compatible modes (the WXBizMsgCrypt format), for one account.
 *
 * <p>Plaintext layout: 16 random bytes, the 4-byte big-endian length of the message, the message (UTF-8), the appId;
 * PKCS#7 padding to 32-byte blocks. The key is {@code base64(EncodingAESKey + "=")} and the IV its first 16 bytes.
 * Decryption validates the base64, the block length, the padding, the length field and the appId, and reports any
 * failure as a {@link WeChatCryptoException}.
 *
 * <p>Instances are immutable and thread-safe; build one per account and keep it. The key objects are made once here,
 * and each thread reuses its own {@link Cipher}. {@link #toString()} shows the appId only.
 */
public final class WeChatCrypto {
    private static final int BLOCK = 32;
    private static final ThreadLocal<Cipher> ENCRYPT = ThreadLocal.withInitial(WeChatCrypto::newCipher);
    private static final ThreadLocal<Cipher> DECRYPT = ThreadLocal.withInitial(WeChatCrypto::newCipher);

    private final String token;
    private final String appId;
    private final byte[] appIdBytes;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    private WeChatCrypto(String token, String appId, byte[] keyBytes) {
        this.token = token;
        this.appId = appId;
        this.appIdBytes = appId.getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.iv = new IvParameterSpec(keyBytes, 0, 16);
    }

    /**
     * Creates the envelope for an account.
     *
     * @param token the account's callback token
     * @param encodingAesKey the 43-character EncodingAESKey from the console
     * @param appId the account's appId, checked on every decrypt
     * @return the crypto
     * @throws WeChatCryptoException with {@link WeChatCryptoException.Reason#BAD_AES_KEY} for a malformed key
     */
    public static WeChatCrypto of(String token, String encodingAesKey, String appId) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(appId, "appId");
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new WeChatCryptoException(BAD_AES_KEY, "EncodingAESKey must be 43 characters");
        }
        byte[] keyBytes;
        try {
            keyBytes = Base64.getDecoder().decode(encodingAesKey + "=");
        } catch (IllegalArgumentException e) {
            throw new WeChatCryptoException(BAD_AES_KEY, "EncodingAESKey is not base64");
        }
        if (keyBytes.length != 32) {
            throw new WeChatCryptoException(BAD_AES_KEY, "EncodingAESKey must decode to 32 bytes");
        }
        return new WeChatCrypto(token, appId, keyBytes);
    }

    /**
     * The account's appId.
     *
     * @return the appId
     */
    public String appId() {
        return appId;
    }

    /**
     * Verifies the plain callback {@code signature} in constant time.
     *
     * @param signature the received signature
     * @param timestamp the {@code timestamp} parameter
     * @param nonce the {@code nonce} parameter
     * @throws WeChatCryptoException with {@code BAD_SIGNATURE} when it does not match
     */
    public void checkSignature(String signature, String timestamp, String nonce) {
        checkCallbackSignature(token, signature, timestamp, nonce);
    }

    /**
     * Verifies a plain callback {@code signature} for a token, in constant time.
     *
     * @param token the account's token
     * @param signature the received signature
     * @param timestamp the {@code timestamp} parameter
     * @param nonce the {@code nonce} parameter
     * @throws WeChatCryptoException with {@code BAD_SIGNATURE} when it does not match or a value is missing
     */
    public static void checkCallbackSignature(String token, String signature, String timestamp, String nonce) {
        if (signature == null || timestamp == null || nonce == null
                || !Signatures.matches(Signatures.callbackSignature(token, timestamp, nonce), signature)) {
            throw new WeChatCryptoException(BAD_SIGNATURE, "invalid signature");
        }
    }

    /**
     * Verifies the {@code msg_signature} over an encrypted message, in constant time.
     *
     * @param msgSignature the received msg_signature
     * @param timestamp the {@code timestamp} parameter
     * @param nonce the {@code nonce} parameter
     * @param encrypt the base64 ciphertext
     * @throws WeChatCryptoException with {@code BAD_SIGNATURE} when it does not match
     */
    public void checkMessageSignature(String msgSignature, String timestamp, String nonce, String encrypt) {
        if (msgSignature == null || timestamp == null || nonce == null || encrypt == null
                || !Signatures.matches(Signatures.messageSignature(token, timestamp, nonce, encrypt),
                        msgSignature)) {
            throw new WeChatCryptoException(BAD_SIGNATURE, "invalid msg_signature");
        }
    }

    /**
     * Verifies the msg_signature, then decrypts: what a callback receiver does with an {@code Encrypt} value.
     *
     * @param msgSignature the received msg_signature
     * @param timestamp the {@code timestamp} parameter
     * @param nonce the {@code nonce} parameter
     * @param encrypt the base64 ciphertext
     * @return the plaintext message bytes (UTF-8 XML)
     * @throws WeChatCryptoException when any check fails
     */
    public byte[] verifyAndDecrypt(String msgSignature, String timestamp, String nonce, String encrypt) {
        checkMessageSignature(msgSignature, timestamp, nonce, encrypt);
        return decrypt(encrypt);
    }

    /**
     * Decrypts a base64 ciphertext and checks its padding, length field and appId. It does not check a signature.
     *
     * @param encrypt the base64 ciphertext
     * @return the message bytes (UTF-8)
     * @throws WeChatCryptoException when any check fails
     */
    public byte[] decrypt(String encrypt) {
        if (encrypt == null) {
            throw new WeChatCryptoException(BAD_BASE64, "missing ciphertext");
        }
        byte[] cipherText;
        try {
            cipherText = decodeBase64(encrypt);
        } catch (IllegalArgumentException e) {
            throw new WeChatCryptoException(BAD_BASE64, "ciphertext is not base64");
        }
        if (cipherText.length < BLOCK || cipherText.length % 16 != 0) {
            throw new WeChatCryptoException(BAD_CIPHERTEXT, "ciphertext length is not a multiple of the AES block");
        }
        byte[] plain;
        try {
            Cipher c = DECRYPT.get();
            c.init(Cipher.DECRYPT_MODE, key, iv);
            plain = c.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new WeChatCryptoException(BAD_CIPHERTEXT, "ciphertext cannot be decrypted");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new WeChatCryptoException(BAD_PADDING, "invalid padding");
        }
        int diff = 0;
        for (int i = plain.length - pad; i < plain.length; i++) {
            diff |= (plain[i] & 0xff) ^ pad;
        }
        if (diff != 0) {
            throw new WeChatCryptoException(BAD_PADDING, "invalid padding");
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new WeChatCryptoException(BAD_LENGTH, "decrypted content is too short");
        }
        long length = ((plain[16] & 0xffL) << 24) | ((plain[17] & 0xff) << 16) | ((plain[18] & 0xff) << 8)
                | (plain[19] & 0xff);
        if (length > end - 20) {
            throw new WeChatCryptoException(BAD_LENGTH, "length field exceeds the decrypted content");
        }
        int msgEnd = 20 + (int) length;
        byte[] receivedAppId = java.util.Arrays.copyOfRange(plain, msgEnd, end);
        if (!MessageDigest.isEqual(appIdBytes, receivedAppId)) {
            throw new WeChatCryptoException(BAD_APPID, "appId in the message is not this account's");
        }
        return java.util.Arrays.copyOfRange(plain, 20, msgEnd);
    }

    /**
     * Encrypts a message with a fresh random prefix from {@link java.security.SecureRandom}.
     *
     * @param message the plaintext (UTF-8 XML)
     * @return the base64 ciphertext
     */
    public String encrypt(String message) {
        byte[] random = new byte[16];
        Signatures.randomAlphanumeric(random);
        return encrypt(message.getBytes(StandardCharsets.UTF_8), random);
    }

    /**
     * Encrypts a message with a given 16-byte prefix; for byte-exact tests only.
     *
     * @param message the plaintext bytes
     * @param random16 the 16-byte random prefix
     * @return the base64 ciphertext
     */
    public String encrypt(byte[] message, byte[] random16) {
        if (random16.length != 16) {
            throw new IllegalArgumentException("the random prefix must be 16 bytes");
        }
        int body = 20 + message.length + appIdBytes.length;
        int pad = BLOCK - (body % BLOCK);
        byte[] plain = new byte[body + pad];
        System.arraycopy(random16, 0, plain, 0, 16);
        plain[16] = (byte) (message.length >>> 24);
        plain[17] = (byte) (message.length >>> 16);
        plain[18] = (byte) (message.length >>> 8);
        plain[19] = (byte) message.length;
        System.arraycopy(message, 0, plain, 20, message.length);
        System.arraycopy(appIdBytes, 0, plain, 20 + message.length, appIdBytes.length);
        java.util.Arrays.fill(plain, body, plain.length, (byte) pad);
        try {
            Cipher c = ENCRYPT.get();
            c.init(Cipher.ENCRYPT_MODE, key, iv);
            return Base64.getEncoder().encodeToString(c.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new WeChatCryptoException(BAD_CIPHERTEXT, "encryption failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Encrypts a reply and wraps it in the envelope WeChat expects:
     * {@code <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>}.
     *
     * @param replyXml the rendered passive reply
     * @param timestamp the timestamp to sign with (seconds, as a string)
     * @param nonce the nonce to sign with
     * @return the envelope XML
     */
    public String encryptReply(String replyXml, String timestamp, String nonce) {
        return envelope(encrypt(replyXml), timestamp, nonce);
    }

    /**
     * Wraps an already encrypted message in the signed reply envelope.
     *
     * @param encrypt the base64 ciphertext
     * @param timestamp the timestamp to sign with
     * @param nonce the nonce to sign with
     * @return the envelope XML
     */
    public String envelope(String encrypt, String timestamp, String nonce) {
        String signature = Signatures.messageSignature(token, timestamp, nonce, encrypt);
        return "<xml>\n<Encrypt><![CDATA[" + encrypt + "]]></Encrypt>\n<MsgSignature><![CDATA[" + signature
                + "]]></MsgSignature>\n<TimeStamp>" + timestamp + "</TimeStamp>\n<Nonce><![CDATA[" + nonce
                + "]]></Nonce>\n</xml>";
    }

    /** Decodes base64; only text that does not decode as it is (line breaks, spaces) is stripped of whitespace. */
    private static byte[] decodeBase64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            String stripped = s.replaceAll("\\s+", "");
            if (stripped.length() == s.length()) {
                throw e;
            }
            return Base64.getDecoder().decode(stripped);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WeChatCrypto[appId=" + appId + "]";
    }
}
