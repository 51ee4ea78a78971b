package org.wechatmp.admin.audit;

import java.time.Instant;

/**
 * One audited action.
 *
 * @param id the id (0 before it is stored)
 * @param at when
 * @param admin who (username)
 * @param account the account concerned, or empty
 * @param action the action, e.g. {@code account.create}
 * @param target what it acted on, e.g. an account or user name
 * @param result {@code ok} or {@code error}
 * @param errcode WeChat's errcode when a WeChat call failed, else {@code null}
 * @param detail a short detail (never a secret), or {@code null}
 */
public record AuditEntry(long id, Instant at, String admin, String account, String action, String target,
        String result, Integer errcode, String detail) {
}
