package org.wechatmp.core.crypto;

import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_APPID;
import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_BASE64;
import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_CIPHERTEXT;
import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_PADDING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts user data a mini program receives ({@code encryptedData} with {@code session_key} and {@code iv}):
 * AES-128-CBC, PKCS#7 padding, JSON whose {@code watermark.appid} must be the expected appId. Offered for accounts
 * that pair with a mini program; a failure is a {@link WeChatCryptoException}.
 */
public final class MiniProgramCrypto {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MiniProgramCrypto() {
    }

    /**
     * Decrypts and checks the watermark.
     *
     * @param sessionKey the base64 session_key
     * @param iv the base64 iv
     * @param encryptedData the base64 encryptedData
     * @param appId the mini program's appId
     * @return the decrypted JSON
     * @throws WeChatCryptoException when any input is invalid or the watermark names another appId
     */
    public static JsonNode decryptUserData(String sessionKey, String iv, String encryptedData, String appId) {
        byte[] key;
        byte[] ivBytes;
        byte[] data;
        try {
            key = Base64.getDecoder().decode(sessionKey);
            ivBytes = Base64.getDecoder().decode(iv);
            data = Base64.getDecoder().decode(encryptedData);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new WeChatCryptoException(BAD_BASE64, "session_key, iv or encryptedData is not base64");
        }
        if (key.length != 16 || ivBytes.length != 16 || data.length == 0 || data.length % 16 != 0) {
            throw new WeChatCryptoException(BAD_CIPHERTEXT, "session_key, iv or encryptedData has a bad length");
        }
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(ivBytes));
            plain = c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new WeChatCryptoException(BAD_CIPHERTEXT, "encryptedData cannot be decrypted");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > 32 || pad > plain.length) {
            throw new WeChatCryptoException(BAD_PADDING, "invalid padding");
        }
        JsonNode json;
        try {
            json = JSON.readTree(new String(Arrays.copyOf(plain, plain.length - pad), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WeChatCryptoException(BAD_CIPHERTEXT, "decrypted data is not JSON");
        }
        if (!appId.equals(json.path("watermark").path("appid").asText())) {
            throw new WeChatCryptoException(BAD_APPID, "watermark appid is not this mini program's");
        }
        return json;
    }
}
