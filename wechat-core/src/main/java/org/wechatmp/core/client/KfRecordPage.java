package org.wechatmp.core.client;

import java.util.List;

/**
 * One page of customer-service chat records.
 *
 * @param records the records
 * @param number how many WeChat returned
 * @param nextMsgId the cursor for the next page ({@code msgid})
 */
public record KfRecordPage(List<KfRecord> records, int number, long nextMsgId) {
    /**
     * Copies the list.
     *
     * @param records the records
     * @param number how many WeChat returned
     * @param nextMsgId the cursor for the next page ({@code msgid})
     */
    public KfRecordPage {
        records = List.copyOf(records);
    }
}
