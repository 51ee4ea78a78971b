package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * New and cancelled followers of a day from one source.
 *
 * @param refDate the day
 * @param userSource the source, e.g. 0 other, 1 search, 17 business card, 30 QR code, 51 article menu
 * @param newUser the new followers
 * @param cancelUser the followers who left
 */
public record UserSummary(LocalDate refDate, int userSource, int newUser, int cancelUser) {
}
