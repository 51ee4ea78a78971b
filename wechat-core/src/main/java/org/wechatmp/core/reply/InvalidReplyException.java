package org.wechatmp.core.reply;

import org.wechatmp.core.WeChatException;

/**
 * A reply cannot be built or read: a required field is missing, a news reply holds too many articles, or reply XML
 * is malformed or of an unknown type.
 */
public final class InvalidReplyException extends WeChatException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a one-line reason
     */
    public InvalidReplyException(String message) {
        super(message);
    }
}
