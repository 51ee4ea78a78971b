package org.wechatmp.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.wechatmp.core.crypto.WeChatCryptoException.Reason;

class WeChatCryptoTest {
    static final String TOKEN = "123456";
    static final String KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";
    static final String APP_ID = "wx49f0ab532d5d035a";
    final WeChatCrypto crypto = WeChatCrypto.of(TOKEN, KEY, APP_ID);

    @Test
    void roundTripsChineseAndEmoji() {
        String msg = "<xml><Content><![CDATA[你好，世界 😀👍🏽 \u0000 ok]]></Content></xml>";
        String encrypt = crypto.encrypt(msg);
        assertThat(new String(crypto.decrypt(encrypt), StandardCharsets.UTF_8)).isEqualTo(msg);
    }

    @Test
    void roundTripsAPlaintextThatIsAMultipleOf32Bytes() {
        // 16 random + 4 length + msg + 18 appId = 96 bytes -> a full extra block of padding
        String msg = "x".repeat(96 - 20 - APP_ID.length());
        byte[] raw = rawDecrypt(crypto.encrypt(msg));
        assertThat(raw).hasSize(128);
        assertThat(raw[raw.length - 1]).isEqualTo((byte) 32);
        assertThat(new String(crypto.decrypt(crypto.encrypt(msg)), StandardCharsets.UTF_8)).isEqualTo(msg);
    }

    @Test
    void roundTripsEveryLengthAroundABlockBoundary() {
        for (int n = 0; n < 70; n++) {
            String msg = "a".repeat(n);
            assertThat(new String(crypto.decrypt(crypto.encrypt(msg)), StandardCharsets.UTF_8)).isEqualTo(msg);
        }
    }

    @Test
    void randomPrefixDiffersBetweenEncryptions() {
        assertThat(crypto.encrypt("same")).isNotEqualTo(crypto.encrypt("same"));
    }

    @Test
    void aCiphertextWrappedOverLinesOrPaddedWithSpacesDecrypts() {
        String msg = "<xml><Content><![CDATA[换行]]></Content></xml>";
        String encrypt = crypto.encrypt(msg);
        String wrapped = " " + encrypt.substring(0, 20) + "\r\n" + encrypt.substring(20, 40) + "\n\t"
                + encrypt.substring(40) + "\n";
        assertThat(new String(crypto.decrypt(wrapped), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(msg);
        assertReason(() -> crypto.decrypt(encrypt.substring(0, 20) + "!" + encrypt.substring(20)), Reason.BAD_BASE64);
    }

    @Test
    void refusesBadBase64() {
        assertReason(() -> crypto.decrypt("not base64 !!!"), Reason.BAD_BASE64);
        assertReason(() -> crypto.decrypt(null), Reason.BAD_BASE64);
    }

    @Test
    void refusesCiphertextThatIsNotWholeBlocks() {
        assertReason(() -> crypto.decrypt(Base64.getEncoder().encodeToString(new byte[33])), Reason.BAD_CIPHERTEXT);
        assertReason(() -> crypto.decrypt(""), Reason.BAD_CIPHERTEXT);
    }

    @Test
    void refusesPaddingOutOfRange() {
        byte[] plain = validPlain("hello");
        plain[plain.length - 1] = 0;
        assertReason(() -> crypto.decrypt(rawEncrypt(plain)), Reason.BAD_PADDING);
        plain[plain.length - 1] = 33;
        assertReason(() -> crypto.decrypt(rawEncrypt(plain)), Reason.BAD_PADDING);
    }

    @Test
    void refusesPaddingWithUnequalBytes() {
        byte[] plain = validPlain("hello");
        int pad = plain[plain.length - 1];
        assertThat(pad).isGreaterThan(1);
        plain[plain.length - pad] = (byte) (pad + 1);
        assertReason(() -> crypto.decrypt(rawEncrypt(plain)), Reason.BAD_PADDING);
    }

    @Test
    void refusesALengthFieldLargerThanTheBuffer() {
        byte[] plain = validPlain("hello");
        plain[16] = 0x7f;
        assertReason(() -> crypto.decrypt(rawEncrypt(plain)), Reason.BAD_LENGTH);
        plain[16] = (byte) 0xff; // would be negative as an int
        assertReason(() -> crypto.decrypt(rawEncrypt(plain)), Reason.BAD_LENGTH);
    }

    @Test
    void refusesContentShorterThanThePrefixAndLength() {
        byte[] plain = new byte[32];
        java.util.Arrays.fill(plain, 16, 32, (byte) 16);
        assertReason(() -> crypto.decrypt(rawEncrypt(plain)), Reason.BAD_LENGTH);
    }

    @Test
    void refusesAnotherAppId() {
        String encrypt = WeChatCrypto.of(TOKEN, KEY, "wx0000000000000000").encrypt("<xml/>");
        assertReason(() -> crypto.decrypt(encrypt), Reason.BAD_APPID);
        // a prefix of the right appId is still wrong
        String shorter = WeChatCrypto.of(TOKEN, KEY, APP_ID.substring(0, 10)).encrypt("<xml/>");
        assertReason(() -> crypto.decrypt(shorter), Reason.BAD_APPID);
    }

    @Test
    void refusesABadMessageSignatureBeforeDecrypting() {
        String encrypt = crypto.encrypt("<xml/>");
        String sig = Signatures.messageSignature(TOKEN, "1", "n", encrypt);
        assertThat(crypto.verifyAndDecrypt(sig, "1", "n", encrypt)).isEqualTo("<xml/>".getBytes());
        assertReason(() -> crypto.verifyAndDecrypt(sig, "2", "n", encrypt), Reason.BAD_SIGNATURE);
        assertReason(() -> crypto.verifyAndDecrypt(null, "1", "n", encrypt), Reason.BAD_SIGNATURE);
        assertReason(() -> crypto.verifyAndDecrypt(sig, "1", "n", "garbage"), Reason.BAD_SIGNATURE);
    }

    @Test
    void signatureComparisonIgnoresHexCase() {
        String sig = Signatures.callbackSignature("t", "1", "n");
        assertThat(Signatures.matches(sig, sig.toUpperCase())).isTrue();
        assertThat(Signatures.matches(sig, sig.substring(1))).isFalse();
        assertThat(Signatures.matches(sig, null)).isFalse();
    }

    @Test
    void refusesMalformedKeys() {
        assertReason(() -> WeChatCrypto.of(TOKEN, "short", APP_ID), Reason.BAD_AES_KEY);
        assertReason(() -> WeChatCrypto.of(TOKEN, "!".repeat(43), APP_ID), Reason.BAD_AES_KEY);
        assertReason(() -> WeChatCrypto.of(TOKEN, null, APP_ID), Reason.BAD_AES_KEY);
    }

    @Test
    void keepsKeyMaterialOutOfStringsAndMessages() {
        assertThat(crypto.toString()).doesNotContain(KEY).doesNotContain(TOKEN).contains(APP_ID);
        try {
            WeChatCrypto.of(TOKEN, KEY.substring(0, 42) + "!", APP_ID);
        } catch (WeChatCryptoException e) {
            assertThat(e.getMessage()).doesNotContain(KEY.substring(0, 20));
        }
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String msg = "thread " + id + " message " + i + " 中文";
                        if (!msg.equals(new String(crypto.decrypt(crypto.encrypt(msg)), StandardCharsets.UTF_8))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertReason(Runnable call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WeChatCryptoException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private byte[] validPlain(String msg) {
        return rawDecrypt(crypto.encrypt(msg));
    }

    private static Cipher cipher(int mode) throws GeneralSecurityException {
        byte[] key = Base64.getDecoder().decode(KEY + "=");
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return c;
    }

    private static byte[] rawDecrypt(String encrypt) {
        try {
            return cipher(Cipher.DECRYPT_MODE).doFinal(Base64.getDecoder().decode(encrypt));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String rawEncrypt(byte[] plain) {
        try {
            return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
