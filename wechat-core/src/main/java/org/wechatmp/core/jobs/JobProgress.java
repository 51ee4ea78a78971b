package org.wechatmp.core.jobs;

import java.time.Instant;
import org.wechatmp.core.sync.SyncPhase;

/**
 * A running job's progress, as a listener (or a server-sent event stream) receives it.
 *
 * @param jobId the run's id
 * @param account the account
 * @param kind the job kind
 * @param phase the sync's phase
 * @param step what the sync is doing within the phase, e.g. {@code listing} or {@code profiles}
 * @param done items done
 * @param total items expected, 0 when unknown
 * @param ratePerSecond items per second since the run started
 * @param at when
 */
public record JobProgress(String jobId, String account, String kind, SyncPhase phase, String step, long done,
        long total,
        double ratePerSecond, Instant at) {
}
