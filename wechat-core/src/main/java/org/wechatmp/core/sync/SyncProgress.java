package org.wechatmp.core.sync;

/**
 * Progress of a running sync, for a progress bar.
 *
 * @param account the account name
 * @param kind what is synced
 * @param phase the current phase
 * @param done items done
 * @param total items in all (0 when not yet known)
 */
public record SyncProgress(String account, String kind, String phase, long done, long total) {
}
