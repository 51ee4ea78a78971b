package org.wechatmp.admin.audit;

import java.time.Instant;

/**
 * Filters for the audit list; {@code null} or blank fields do not filter.
 *
 * @param admin the admin's username
 * @param account the account
 * @param action an action prefix, e.g. {@code account.}
 * @param from the earliest time (inclusive), or {@code null}
 * @param to the latest time (exclusive), or {@code null}
 */
public record AuditFilter(String admin, String account, String action, Instant from, Instant to) {
}
