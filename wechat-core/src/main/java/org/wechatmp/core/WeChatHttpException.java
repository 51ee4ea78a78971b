package org.wechatmp.core;

/**
 * A call to the WeChat API failed below the API level: a connection error, a timeout, an HTTP error status or a
 * body that is not the JSON WeChat promises.
 */
public class WeChatHttpException extends WeChatException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status, or 0 when none arrived. */
    private final int status;
    /** Whether the call timed out. */
    private final boolean timeout;
    /** The endpoint path, without the query. */
    private final String endpoint;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param endpoint the API path
     * @param status the HTTP status, or 0 when there was no response
     * @param timeout whether the call timed out
     * @param cause the underlying failure, or {@code null}
     */
    public WeChatHttpException(String message, String endpoint, int status, boolean timeout, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
        this.status = status;
        this.timeout = timeout;
    }

    /**
     * The HTTP status.
     *
     * @return the status, or 0 when no response arrived
     */
    public int status() {
        return status;
    }

    /**
     * Whether the call timed out.
     *
     * @return {@code true} for a timeout
     */
    public boolean isTimeout() {
        return timeout;
    }

    /**
     * The API path that failed.
     *
     * @return the endpoint
     */
    public String endpoint() {
        return endpoint;
    }
}
