package org.wechatmp.core.sync;

import org.wechatmp.core.WeChatException;

/**
 * A sync stopped: WeChat failed mid-way (an error code, a timeout, an HTTP error), answered short or malformed (fewer
 * items than it promised, a missing field), or the run was cancelled. Everything stored before is kept, nothing was
 * removed or marked gone, and the cursor is saved; running the sync again completes it.
 */
public final class SyncException extends WeChatException {
    private static final long serialVersionUID = 1L;

    /** The cursor of the last stored page, where a resumed sync goes on. */
    private final String cursor;
    private final transient SyncResult result;

    /**
     * Creates a failure.
     *
     * @param message what stopped
     * @param cursor the saved cursor, or {@code null}
     * @param cause the failure
     */
    public SyncException(String message, String cursor, Throwable cause) {
        this(message, cursor, null, cause);
    }

    /**
     * Creates the exception with how far the run got.
     *
     * @param message what stopped
     * @param cursor the saved cursor, or {@code null}
     * @param result how far the run got, with phase {@link SyncPhase#FAILED} or {@link SyncPhase#CANCELLED}; {@code
     *     null} for a failure with nothing counted
     * @param cause the failure, or {@code null}
     */
    public SyncException(String message, String cursor, SyncResult result, Throwable cause) {
        super(message, cause);
        this.cursor = cursor;
        this.result = result;
    }

    /**
     * Where a resumed run starts.
     *
     * @return the cursor, or {@code null}
     */
    public String cursor() {
        return cursor;
    }

    /**
     * How the run ended.
     *
     * @return {@link SyncPhase#CANCELLED} or {@link SyncPhase#FAILED}
     */
    public SyncPhase phase() {
        return result == null ? SyncPhase.FAILED : result.phase();
    }

    /**
     * Whether the run was cancelled rather than failed.
     *
     * @return {@code true} when cancelled
     */
    public boolean cancelled() {
        return phase() == SyncPhase.CANCELLED;
    }

    /**
     * How far the run got.
     *
     * @return the counts with phase {@link SyncPhase#FAILED} or {@link SyncPhase#CANCELLED}; {@code null} when unknown
     */
    public SyncResult result() {
        return result;
    }
}
