package org.wechatmp.admin.web;

import java.time.Instant;
import java.util.Map;

/**
 * One template message the admin sent (a row of the send log).
 *
 * @param id the row id
 * @param batchId the send-to-a-tag batch, or {@code null} for a single test send
 * @param templateId the template
 * @param openid the recipient
 * @param msgId WeChat's msgid, or {@code null} when it was refused or is being sent
 * @param status {@code sending}, {@code sent}, {@code error}, or the delivery event's status
 * @param errcode WeChat's errcode when refused, or {@code null}
 * @param sentBy the admin
 * @param sentAt when it was sent
 * @param statusAt when the delivery status arrived, or {@code null}
 * @param data the field values sent
 */
record TemplateSendRow(long id, Long batchId, String templateId, String openid, Long msgId, String status,
        Integer errcode, String sentBy, Instant sentAt, Instant statusAt, Map<String, String> data) {

    /** The Bootstrap badge class of the status. */
    String badge() {
        if ("success".equals(status)) {
            return "text-bg-success";
        }
        if ("sent".equals(status) || "sending".equals(status)) {
            return "text-bg-secondary";
        }
        return "text-bg-danger";
    }

    /** The message key of the status, for the known ones; else the status itself is shown. */
    String statusKey() {
        return switch (status) {
            case "sending", "sent", "error", "success" -> "tplsend.status." + status;
            case "failed:user block" -> "tplsend.status.userblock";
            case "failed: system failed" -> "tplsend.status.systemfailed";
            default -> null;
        };
    }
}
