package org.wechatmp.core.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * The claim on an (account, kind): which run holds it, on which node, until when. A holder renews it while it works;
 * one that stops renewing loses it at {@code until}, and another node may take it over.
 *
 * @param account the account name
 * @param kind the job kind
 * @param jobId the run holding it
 * @param owner the node holding it
 * @param until when it ends unless renewed
 */
public record JobLease(String account, String kind, String jobId, String owner, Instant until) {
    /**
     * Validates the fields.
     *
     * @param account the account name
     * @param kind the job kind
     * @param jobId the run holding it
     * @param owner the node holding it
     * @param until when it ends unless renewed
     */
    public JobLease {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(until, "until");
    }
}
