package org.wechatmp.core.sync;

/**
 * Progress of a running sync, for a progress bar or a streamed job status.
 *
 * @param account the account name
 * @param kind what is synced
 * @param phase where the run stands
 * @param step what is being done within the phase, e.g. {@code profiles} or {@code image}
 * @param done items done
 * @param total items in all (0 when not yet known)
 * @param ratePerSecond items done per second since the run started, by the sync's clock (0 when no time passed)
 */
public record SyncProgress(String account, String kind, SyncPhase phase, String step, long done, long total,
        double ratePerSecond) {
}
