package org.wechatmp.core.sync;

/** Receives progress while a sync runs. */
@FunctionalInterface
public interface SyncListener {
    /** A listener that ignores progress. */
    SyncListener NONE = p -> { };

    /**
     * Called after each step.
     *
     * @param progress where the sync stands
     */
    void progress(SyncProgress progress);
}
