package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * Callbacks WeChat made to the account's server on a day.
 *
 * @param refDate the day
 * @param callbackCount the callbacks
 * @param failCount the failed ones
 * @param totalTimeCost their total time, in milliseconds
 * @param maxTimeCost the longest, in milliseconds
 */
public record InterfaceSummary(LocalDate refDate, long callbackCount, long failCount, long totalTimeCost,
        long maxTimeCost) {
    /**
     * The mean time per callback.
     *
     * @return milliseconds, 0 when there were none
     */
    public long meanTimeCost() {
        return callbackCount == 0 ? 0 : totalTimeCost / callbackCount;
    }
}
