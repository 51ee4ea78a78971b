package org.wechatmp.core.jobs;

import org.wechatmp.core.WeChatException;

/** Thrown from a cancelled job's progress listener, so the sync stops between pages. */
public final class JobCancelledException extends WeChatException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param jobId the cancelled run
     */
    public JobCancelledException(String jobId) {
        super("job " + jobId + " was cancelled");
    }
}
