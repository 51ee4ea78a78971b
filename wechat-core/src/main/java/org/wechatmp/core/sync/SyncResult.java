package org.wechatmp.core.sync;

/**
 * What a completed sync did.
 *
 * @param kind what was synced
 * @param fetched items read from WeChat
 * @param stored items written locally
 * @param removed items removed or marked gone locally
 * @param apiCalls calls made to WeChat
 */
public record SyncResult(String kind, long fetched, long stored, long removed, long apiCalls) {
}
