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
 */
record DashboardRow(Account account, long followers, Instant lastCallback, String tokenStatus, Instant tokenExpires) {
}
