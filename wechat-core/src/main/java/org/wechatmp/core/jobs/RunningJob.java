package org.wechatmp.core.jobs;

import java.util.concurrent.CompletableFuture;

/** A run on this node: its record, its end, and the flags the heartbeat and {@code cancel} set. */
final class RunningJob {
    final JobRun started;
    final CompletableFuture<JobRun> done = new CompletableFuture<>();
    volatile boolean cancel;
    volatile boolean lost;
    volatile JobProgress last;
    /** Set, under this object's lock, when the run's end is reported to its listeners. */
    volatile JobRun end;

    RunningJob(JobRun started) {
        this.started = started;
    }
}
