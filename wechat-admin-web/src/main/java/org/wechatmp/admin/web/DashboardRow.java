package org.wechatmp.admin.web;

import java.time.Instant;
import org.wechatmp.core.Account;

/**
 * One account on the dashboard.
 *
 * @param account the account
 * @param followers subscribed followers stored locally
 * @param lastCallback the last inbound message logged, or {@code null}
 * @param tokenStatus {@code valid}, {@code expired} or {@code none} (message key suffix)
 * @param tokenExpires when the stored token expires, or {@code null}
 * @param figures the core metrics of the account since this process started
 * @param lastSync the latest sync job of the account, or {@code null}
 */
record DashboardRow(Account account, long followers, Instant lastCallback, String tokenStatus, Instant tokenExpires,
        Figures figures, org.wechatmp.core.jobs.JobRun lastSync) {

    /**
     * Counts from the core's meters.
     *
     * @param callbacksAnswered callbacks answered
     * @param callbacksRefused callbacks refused
     * @param apiErrors API calls answered with a non-zero errcode or failed below the JSON
     * @param tokenFetches access tokens and tickets fetched
     */
    record Figures(long callbacksAnswered, long callbacksRefused, long apiErrors, long tokenFetches) {
    }
}
