package org.wechatmp.core.sync;

/**
 * What a sync did. A returned result is always {@link SyncPhase#DONE}; a failed or cancelled run throws a
 * {@link SyncException} whose {@link SyncException#result()} tells how far it got.
 *
 * @param kind what was synced
 * @param phase how the run ended
 * @param fetched items read from WeChat
 * @param stored items written locally
 * @param removed items removed or marked gone locally
 * @param apiCalls calls made to WeChat
 */
public record SyncResult(String kind, SyncPhase phase, long fetched, long stored, long removed, long apiCalls) {
    /**
     * A completed run.
     *
     * @param kind what was synced
     * @param fetched items read from WeChat
     * @param stored items written locally
     * @param removed items removed or marked gone locally
     * @param apiCalls calls made to WeChat
     */
    public SyncResult(String kind, long fetched, long stored, long removed, long apiCalls) {
        this(kind, SyncPhase.DONE, fetched, stored, removed, apiCalls);
    }
}
