package org.wechatmp.core.web;

import org.wechatmp.core.WeChatException;

/**
 * A web request the core refuses: carries the HTTP status and a short message that is safe to show (no secrets, no
 * internals). Adapters answer it as it is.
 */
public class WebException extends WeChatException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status to answer. */
    private final int status;

    /**
     * Creates the refusal.
     *
     * @param status the HTTP status (4xx, or 502 for an upstream failure)
     * @param message the message shown to the user
     */
    public WebException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * Creates the refusal with a cause, which is logged but never shown.
     *
     * @param status the HTTP status
     * @param message the message shown to the user
     * @param cause the cause
     */
    public WebException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }
}
