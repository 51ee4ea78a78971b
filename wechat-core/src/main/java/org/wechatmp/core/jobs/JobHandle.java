package org.wechatmp.core.jobs;

import java.util.concurrent.CompletableFuture;

/**
 * A job started on this node.
 *
 * @param id the run's id
 * @param started the record as it started
 * @param done completes with the final record when the run ends (never exceptionally)
 */
public record JobHandle(String id, JobRun started, CompletableFuture<JobRun> done) {
}
