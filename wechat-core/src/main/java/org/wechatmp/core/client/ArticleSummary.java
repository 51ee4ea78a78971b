package org.wechatmp.core.client;

import java.time.LocalDate;

/**
 * An article's figures on one day.
 *
 * @param refDate the day
 * @param msgid the article, {@code msgid_index}
 * @param title the title
 * @param stats the figures
 */
public record ArticleSummary(LocalDate refDate, String msgid, String title, ArticleStats stats) {
}
