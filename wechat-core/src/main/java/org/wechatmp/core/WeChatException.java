package org.wechatmp.core;

/**
 * Root of the one unchecked exception family thrown by this framework.
 *
 * <p>Messages never carry a secret, an AES key or an access token; they name what failed and, where it helps, what
 * to do about it.
 */
public class WeChatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what failed, without secrets
     */
    public WeChatException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what failed, without secrets
     * @param cause the underlying failure
     */
    public WeChatException(String message, Throwable cause) {
        super(message, cause);
    }
}
