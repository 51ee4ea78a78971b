package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * How many followers sent a given number of messages in a period.
 *
 * @param refDate the period's first day
 * @param countInterval the band: 0 none, 1 one to five, 2 six to ten, 3 more than ten
 * @param msgUser the followers in the band
 */
public record UpstreamDistribution(LocalDate refDate, int countInterval, long msgUser) {
}
