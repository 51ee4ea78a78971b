package org.wechatmp.core.jobs;

/** Where a job run stands. */
public enum JobState {
    /** Holding the lease and working. */
    RUNNING,
    /** Ended normally. */
    SUCCEEDED,
    /** Ended with an error (see {@link JobRun#error()}). */
    FAILED,
    /** Stopped at a cancellation request. */
    CANCELLED,
    /** Its node stopped renewing the lease (it died or lost the database); another run took over. */
    ABANDONED;

    /**
     * Whether the run has ended.
     *
     * @return true for every state but {@link #RUNNING}
     */
    public boolean ended() {
        return this != RUNNING;
    }
}
