package org.wechatmp.core.sync;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Receives progress while a sync runs, and may ask it to stop. A sync asks {@link #stopRequested()} between pages;
 * when it answers {@code true} the sync ends with a {@link SyncException} of phase {@link SyncPhase#CANCELLED},
 * recorded with its cursor so that a resumed run continues where it stopped.
 */
@FunctionalInterface
public interface SyncListener {
    /** A listener that ignores progress and never asks to stop. */
    SyncListener NONE = p -> { };

    /**
     * Called after each step.
     *
     * @param progress where the sync stands
     */
    void progress(SyncProgress progress);

    /**
     * Whether the sync should stop at the next page boundary.
     *
     * @return {@code true} to cancel; {@code false} by default
     */
    default boolean stopRequested() {
        return false;
    }

    /**
     * A listener that passes progress on and asks to stop when {@code stop} says so.
     *
     * @param progress where progress goes
     * @param stop asked between pages; {@code true} cancels the run
     * @return the listener
     */
    static SyncListener cancellable(SyncListener progress, BooleanSupplier stop) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(stop, "stop");
        return new SyncListener() {
            @Override
            public void progress(SyncProgress p) {
                progress.progress(p);
            }

            @Override
            public boolean stopRequested() {
                return stop.getAsBoolean();
            }
        };
    }
}
