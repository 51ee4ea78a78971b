package org.wechatmp.core.jobs;

import org.wechatmp.core.WeChatException;

/** A job start refused because the same (account, kind) is already running, on this node or another. */
public final class JobConflictException extends WeChatException {
    private static final long serialVersionUID = 1L;

    /** The run holding the lease. */
    private final String runningJobId;

    /**
     * Creates the exception.
     *
     * @param account the account
     * @param kind the kind
     * @param runningJobId the run holding the lease
     */
    public JobConflictException(String account, String kind, String runningJobId) {
        super("a " + kind + " job for account " + account + " is already running (job " + runningJobId + ")");
        this.runningJobId = runningJobId;
    }

    /**
     * The run holding the lease.
     *
     * @return its id
     */
    public String runningJobId() {
        return runningJobId;
    }
}
