package org.wechatmp.core.jobs;

/**
 * Receives a job's progress and its end. Called on the job's thread: return quickly (hand off to a queue to stream
 * it); an exception thrown here is logged and ignored.
 */
public interface JobListener {
    /**
     * Progress was made.
     *
     * @param progress the progress
     */
    default void progress(JobProgress progress) {
    }

    /**
     * The run ended.
     *
     * @param run its final record
     */
    default void finished(JobRun run) {
    }
}
