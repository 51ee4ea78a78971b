package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * Reading of all articles on a day.
 *
 * @param refDate the day
 * @param userSource the channel (99999999 all, 0 session, 1 friends, 2 moments...), 0 when WeChat does not split
 * @param stats the figures
 */
public record UserRead(LocalDate refDate, int userSource, ArticleStats stats) {
}
