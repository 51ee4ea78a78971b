package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * Reading of all articles in one hour.
 *
 * @param refDate the day
 * @param refHour the hour as WeChat sends it (e.g. 1200 for 12:00)
 * @param userSource the channel, 0 when WeChat does not split
 * @param stats the figures
 */
public record UserReadHour(LocalDate refDate, int refHour, int userSource, ArticleStats stats) {
}
