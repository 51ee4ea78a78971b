package org.wechatmp.admin.web;

import java.time.Instant;

/**
 * One WeChat send call of a broadcast ({@code mass/sendall}, or one {@code mass/send} of at most 10,000 openids).
 *
 * @param seq the call's number, from 1
 * @param msgId WeChat's mass message id
 * @param msgDataId the article data id (for comments), or {@code null}
 * @param status WeChat's last word: the job-finish event's status ({@code send success}, {@code err(...)}) or
 *     {@code mass/get}'s ({@code SENDING}, {@code SEND_SUCCESS}, ...); {@code null} before any
 * @param totalCount followers targeted, or {@code null} until the job-finish event
 * @param filterCount followers after filtering, or {@code null}
 * @param sentCount followers reached, or {@code null}
 * @param errorCount followers not reached, or {@code null}
 * @param updatedAt when this row last changed
 */
record BroadcastSend(int seq, long msgId, Long msgDataId, String status, Integer totalCount, Integer filterCount,
        Integer sentCount, Integer errorCount, Instant updatedAt) {
}
