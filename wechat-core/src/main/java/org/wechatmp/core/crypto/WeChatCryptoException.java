package org.wechatmp.core.crypto;

import org.wechatmp.core.WeChatException;

/**
 * A callback failed verification or decryption. {@link #reason()} says which check failed; {@link #errcode()} is
 * the matching WXBizMsgCrypt error code. The message is one line, safe to return to the caller, and never contains
 * key material.
 */
public final class WeChatCryptoException extends WeChatException {
    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    public enum Reason {
        /** The signature or msg_signature does not match. */
        BAD_SIGNATURE(-40001),
        /** The timestamp is missing, not a number, or outside the allowed window. */
        BAD_TIMESTAMP(-40001),
        /** The nonce was already used within the window (a replay). */
        REPLAYED_NONCE(-40001),
        /** The envelope XML could not be read, or lacks {@code Encrypt}. */
        BAD_XML(-40002),
        /** The EncodingAESKey is not 43 base64 characters decoding to 32 bytes. */
        BAD_AES_KEY(-40004),
        /** The appId inside the plaintext is not the account's. */
        BAD_APPID(-40005),
        /** The ciphertext is not base64. */
        BAD_BASE64(-40010),
        /** The ciphertext length is not a positive multiple of the AES block. */
        BAD_CIPHERTEXT(-40007),
        /** The PKCS#7 padding is not 1..32 equal bytes. */
        BAD_PADDING(-40007),
        /** The length field does not fit the decrypted buffer. */
        BAD_LENGTH(-40008),
        /** A required request parameter is missing. */
        MISSING_PARAMETER(-40001),
        /** The account is in safe mode and the request was plaintext. */
        PLAINTEXT_REFUSED(-40001);

        private final int errcode;

        Reason(int errcode) {
            this.errcode = errcode;
        }

        /**
         * The WXBizMsgCrypt error code for this reason.
         *
         * @return the code
         */
        public int errcode() {
            return errcode;
        }
    }

    /** Which check failed. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason which check failed
     * @param message a one-line description without secrets
     */
    public WeChatCryptoException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Which check failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The WXBizMsgCrypt error code.
     *
     * @return the code
     */
    public int errcode() {
        return reason.errcode();
    }
}
