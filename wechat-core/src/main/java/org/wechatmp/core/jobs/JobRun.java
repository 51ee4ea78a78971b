package org.wechatmp.core.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * The record of one job run.
 *
 * @param id the run's id
 * @param account the account name
 * @param kind the job kind, e.g. {@code FOLLOWERS_FULL}
 * @param startedBy who started it: a user name, or {@code schedule}
 * @param startedAt when it started
 * @param endedAt when it ended, or {@code null} while running
 * @param state its state
 * @param summary what it did, e.g. {@code fetched=120 stored=120 removed=3 apiCalls=4}; empty until it succeeds
 * @param error why it failed or stopped, or {@code null}
 */
public record JobRun(String id, String account, String kind, String startedBy, Instant startedAt, Instant endedAt,
        JobState state, String summary, String error) {
    /**
     * Validates the fields.
     *
     * @param id the run's id
     * @param account the account name
     * @param kind the job kind, e.g. {@code FOLLOWERS_FULL}
     * @param startedBy who started it: a user name, or {@code schedule}
     * @param startedAt when it started
     * @param endedAt when it ended, or {@code null} while running
     * @param state its state
     * @param summary what it did, e.g. {@code fetched=120 stored=120 removed=3 apiCalls=4}; empty until it succeeds
     * @param error why it failed or stopped, or {@code null}
     */
    public JobRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(state, "state");
        summary = summary == null ? "" : summary;
    }

    /**
     * The same run, ended.
     *
     * @param at when
     * @param endState how
     * @param endSummary what it did
     * @param endError why it failed, or {@code null}
     * @return the ended record
     */
    public JobRun end(Instant at, JobState endState, String endSummary, String endError) {
        return new JobRun(id, account, kind, startedBy, startedAt, at, endState, endSummary, endError);
    }
}
