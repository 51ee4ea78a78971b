package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * Callbacks WeChat made to the account's server in one hour.
 *
 * @param refDate the day
 * @param refHour the hour as WeChat sends it
 * @param callbackCount the callbacks
 * @param failCount the failed ones
 * @param totalTimeCost their total time, in milliseconds
 * @param maxTimeCost the longest, in milliseconds
 */
public record InterfaceSummaryHour(LocalDate refDate, int refHour, long callbackCount, long failCount,
        long totalTimeCost, long maxTimeCost) {
}
