/**
 * Background jobs: {@link org.wechatmp.core.jobs.JobRunner} runs a sync of one {@link org.wechatmp.core.jobs.JobKind}
 * for one account at a time across every node sharing a {@link org.wechatmp.core.jobs.JobStore} (a lease row with a
 * heartbeat, taken over when it expires), reports {@link org.wechatmp.core.jobs.JobProgress} to listeners, cancels
 * cooperatively, records each {@link org.wechatmp.core.jobs.JobRun}, and can run a kind on a schedule.
 */
package org.wechatmp.core.jobs;
