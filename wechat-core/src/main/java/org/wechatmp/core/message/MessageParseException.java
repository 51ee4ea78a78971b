package org.wechatmp.core.message;

import org.wechatmp.core.WeChatException;

/**
 * Thrown when inbound XML is malformed, too large, or hostile (a DOCTYPE, an entity declaration or a reference to
 * an undeclared entity). The message is one short line safe to show to the caller.
 */
public final class MessageParseException extends WeChatException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a one-line reason
     */
    public MessageParseException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message a one-line reason
     * @param cause the parser's failure
     */
    public MessageParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
