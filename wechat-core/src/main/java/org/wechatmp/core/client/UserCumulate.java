package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * The total followers at the end of a day.
 *
 * @param refDate the day
 * @param cumulateUser the followers
 */
public record UserCumulate(LocalDate refDate, long cumulateUser) {
}
