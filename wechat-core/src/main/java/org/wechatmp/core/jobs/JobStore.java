package org.wechatmp.core.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where job leases and run records live. Shared by every node that runs jobs for the same accounts (the database
 * one in the storage module), it makes "at most one run per (account, kind)" hold across nodes: {@link #claim} is a
 * compare-and-set, {@link #renew} and {@link #release} act only for the holding run.
 */
public interface JobStore {

    /**
     * The current lease of an (account, kind), expired or not.
     *
     * @param account the account
     * @param kind the kind
     * @return the lease, if one is stored
     */
    Optional<JobLease> lease(String account, String kind);

    /**
     * Claims an (account, kind) for a run. With {@code previousJobId == null} it succeeds only when no lease is
     * stored; otherwise only when the stored lease is still that run's and has ended before {@code now}
     * (a take-over). Atomic: of concurrent claims, at most one succeeds.
     *
     * @param lease the new lease
     * @param previousJobId the expired lease's run, or {@code null} when none was stored
     * @param now the current time
     * @return whether the claim succeeded
     */
    boolean claim(JobLease lease, String previousJobId, Instant now);

    /**
     * Extends a lease, if the run still holds it.
     *
     * @param account the account
     * @param kind the kind
     * @param jobId the holding run
     * @param until the new end
     * @return whether the run still holds the lease
     */
    boolean renew(String account, String kind, String jobId, Instant until);

    /**
     * Drops a lease, if the run holds it.
     *
     * @param account the account
     * @param kind the kind
     * @param jobId the holding run
     */
    void release(String account, String kind, String jobId);

    /**
     * Stores a run record (insert or replace by id).
     *
     * @param run the record
     */
    void save(JobRun run);

    /**
     * Finds a run record.
     *
     * @param id the run's id
     * @return the record
     */
    Optional<JobRun> find(String id);

    /**
     * The most recent runs of an account, newest first.
     *
     * @param account the account
     * @param limit at most this many
     * @return the records
     */
    List<JobRun> recent(String account, int limit);

    /**
     * Asks the node running a job to stop it (seen at its next heartbeat).
     *
     * @param id the run's id
     */
    void requestCancel(String id);

    /**
     * Whether a cancellation was requested.
     *
     * @param id the run's id
     * @return whether {@link #requestCancel} was called for it
     */
    boolean cancelRequested(String id);
}
