package org.wechatmp.core.jobs;

import java.time.Instant;

/**
 * A running job's progress, as a listener (or a server-sent event stream) receives it.
 *
 * @param jobId the run's id
 * @param account the account
 * @param kind the job kind
 * @param phase the sync's phase, e.g. {@code listing}, {@code profiles}, {@code stored}, {@code done}
 * @param done items done
 * @param total items expected, 0 when unknown
 * @param ratePerSecond items per second since the run started
 * @param at when
 */
public record JobProgress(String jobId, String account, String kind, String phase, long done, long total,
        double ratePerSecond, Instant at) {
}
