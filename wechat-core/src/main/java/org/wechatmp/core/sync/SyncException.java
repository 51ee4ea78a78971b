package org.wechatmp.core.sync;

import org.wechatmp.core.WeChatException;

/**
 * A sync stopped because WeChat failed mid-way (an error code, a timeout, a bad response). Everything done before is
 * kept and the cursor saved; running the sync again completes it.
 */
public final class SyncException extends WeChatException {
    private static final long serialVersionUID = 1L;

    private final String cursor;

    /**
     * Creates the exception.
     *
     * @param message what stopped
     * @param cursor the saved cursor, or {@code null}
     * @param cause the failure
     */
    public SyncException(String message, String cursor, Throwable cause) {
        super(message, cause);
        this.cursor = cursor;
    }

    /**
     * Where a resumed run starts.
     *
     * @return the cursor, or {@code null}
     */
    public String cursor() {
        return cursor;
    }
}
