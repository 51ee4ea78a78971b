package org.wechatmp.core.sync;

import java.util.Locale;

/**
 * Where a sync stands. A run goes {@link #STARTED}, then {@link #RUNNING} after each page or step, and ends
 * {@link #DONE} (everything WeChat promised arrived and was stored), {@link #FAILED} (WeChat failed or answered short
 * or malformed; what was stored stays, nothing was removed, the cursor is kept) or {@link #CANCELLED} (stopped on
 * request between pages; the cursor is kept).
 */
public enum SyncPhase {
    /** The run began; nothing is fetched yet. */
    STARTED,
    /** Pages are being fetched and stored. */
    RUNNING,
    /** The run completed with a complete picture. */
    DONE,
    /** The run stopped on an error or a short or malformed answer. */
    FAILED,
    /** The run stopped because it was asked to. */
    CANCELLED;

    /**
     * Whether a run in this phase has ended.
     *
     * @return {@code true} for {@link #DONE}, {@link #FAILED} and {@link #CANCELLED}
     */
    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    /**
     * Reads a stored phase name, also the free-form names written before this enum existed ({@code done},
     * {@code failed}, {@code listing}, ...).
     *
     * @param name the stored name, or {@code null}
     * @return the phase; {@link #RUNNING} for an unknown name and {@link #STARTED} for none
     */
    public static SyncPhase parse(String name) {
        if (name == null || name.isBlank()) {
            return STARTED;
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (SyncPhase p : values()) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        return RUNNING;
    }
}
