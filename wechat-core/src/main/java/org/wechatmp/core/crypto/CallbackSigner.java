package org.wechatmp.core.crypto;

import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_SIGNATURE;
import static org.wechatmp.core.crypto.WeChatCryptoException.Reason.BAD_XML;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.wechatmp.core.message.MessageParser;
import org.wechatmp.core.message.XmlFields;

/**
 * Acts as the WeChat server: signs (and, for safe and compatible modes, encrypts) a callback exactly as WeChat
 * would, and reads the reply. Tests, examples and users' own tests use it to make valid callbacks.
 *
 * <pre>{@code
 * CallbackSigner wechat = CallbackSigner.encrypted(token, aesKey, appId, EncryptMode.SAFE);
 * SignedCallback request = wechat.message("<xml>...</xml>");
 * // POST request.body() to /wechat/demo?request.queryString()
 * String replyXml = wechat.readReply(responseBody);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CallbackSigner {
    private final String token;
    private final WeChatCrypto crypto;
    private final EncryptMode mode;
    private final Clock clock;

    private CallbackSigner(String token, WeChatCrypto crypto, EncryptMode mode, Clock clock) {
        this.token = Objects.requireNonNull(token, "token");
        this.crypto = crypto;
        this.mode = mode;
        this.clock = clock;
    }

    /**
     * A signer for an account in plaintext mode.
     *
     * @param token the account's token
     * @return the signer
     */
    public static CallbackSigner plain(String token) {
        return new CallbackSigner(token, null, EncryptMode.PLAIN, Clock.systemUTC());
    }

    /**
     * A signer for an account in compatible or safe mode.
     *
     * @param token the account's token
     * @param encodingAesKey the EncodingAESKey
     * @param appId the account's appId
     * @param mode {@link EncryptMode#COMPATIBLE} or {@link EncryptMode#SAFE}; {@code PLAIN} signs only
     * @return the signer
     */
    public static CallbackSigner encrypted(String token, String encodingAesKey, String appId, EncryptMode mode) {
        WeChatCrypto crypto = mode == EncryptMode.PLAIN ? null : WeChatCrypto.of(token, encodingAesKey, appId);
        return new CallbackSigner(token, crypto, Objects.requireNonNull(mode, "mode"), Clock.systemUTC());
    }

    /**
     * The same signer with another clock for the {@code timestamp} parameter.
     *
     * @param clock the clock
     * @return a new signer
     */
    public CallbackSigner withClock(Clock clock) {
        return new CallbackSigner(token, crypto, mode, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The mode this signer encrypts for.
     *
     * @return the mode
     */
    public EncryptMode mode() {
        return mode;
    }

    /**
     * The GET request WeChat sends when the callback URL is saved in the console.
     *
     * @param echostr the value the server must echo
     * @return the request
     */
    public SignedCallback handshake(String echostr) {
        String timestamp = timestamp();
        String nonce = Signatures.randomAlphanumeric(10);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("signature", Signatures.callbackSignature(token, timestamp, nonce));
        q.put("timestamp", timestamp);
        q.put("nonce", nonce);
        q.put("echostr", echostr);
        return new SignedCallback(q, "");
    }

    /**
     * A signed POST of a message, encrypted as this signer's mode requires.
     *
     * @param plainXml the message XML (with ToUserName, FromUserName, CreateTime, MsgType, ...)
     * @return the request
     */
    public SignedCallback message(String plainXml) {
        return message(plainXml, timestamp(), Signatures.randomAlphanumeric(10));
    }

    /**
     * A signed POST of a message with a chosen timestamp and nonce (e.g. to test replay defences).
     *
     * @param plainXml the message XML
     * @param timestamp the {@code timestamp} parameter
     * @param nonce the {@code nonce} parameter
     * @return the request
     */
    public SignedCallback message(String plainXml, String timestamp, String nonce) {
        XmlFields fields = MessageParser.defaults().parseFields(plainXml);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("signature", Signatures.callbackSignature(token, timestamp, nonce));
        q.put("timestamp", timestamp);
        q.put("nonce", nonce);
        q.put("openid", fields.text("FromUserName", ""));
        if (mode == EncryptMode.PLAIN) {
            return new SignedCallback(q, plainXml);
        }
        String encrypt = crypto.encrypt(plainXml);
        q.put("encrypt_type", "aes");
        q.put("msg_signature", Signatures.messageSignature(token, timestamp, nonce, encrypt));
        String encryptNode = "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt>";
        String body;
        if (mode == EncryptMode.SAFE) {
            body = "<xml><ToUserName><![CDATA[" + fields.text("ToUserName", "") + "]]></ToUserName>"
                    + encryptNode + "</xml>";
        } else {
            int close = plainXml.lastIndexOf("</xml>");
            body = plainXml.substring(0, close) + encryptNode + plainXml.substring(close);
        }
        return new SignedCallback(q, body);
    }

    /**
     * Reads a callback response as WeChat does: an encrypted envelope is verified and decrypted; {@code success}
     * or an empty body means no reply.
     *
     * @param responseBody the body the callback answered with
     * @return the plaintext reply XML, or an empty string for no reply
     * @throws WeChatCryptoException when an encrypted reply's signature or content is invalid
     */
    public String readReply(String responseBody) {
        if (responseBody == null) {
            return "";
        }
        String body = responseBody.trim();
        if (body.isEmpty() || "success".equals(body)) {
            return "";
        }
        if (crypto == null) {
            return body;
        }
        XmlFields envelope = MessageParser.defaults().parseFields(body);
        String encrypt = envelope.text("Encrypt");
        if (encrypt == null) {
            if (mode == EncryptMode.COMPATIBLE) {
                return body;
            }
            throw new WeChatCryptoException(BAD_XML, "reply is not an encrypted envelope");
        }
        String signature = envelope.text("MsgSignature");
        String timestamp = envelope.text("TimeStamp");
        String nonce = envelope.text("Nonce");
        if (signature == null || timestamp == null || nonce == null) {
            throw new WeChatCryptoException(BAD_SIGNATURE, "reply envelope lacks its signature");
        }
        return new String(crypto.verifyAndDecrypt(signature, timestamp, nonce, encrypt), StandardCharsets.UTF_8);
    }

    private String timestamp() {
        return Long.toString(clock.millis() / 1000L);
    }

    @Override
    public String toString() {
        return "CallbackSigner[" + mode + "]";
    }
}
