package org.wechatmp.core.client;

import java.time.LocalDate;
import java.util.List;

/**
 * An article sent on a day, with its figures for each day since.
 *
 * @param refDate the send day
 * @param msgid the article, {@code msgid_index}
 * @param title the title
 * @param details the figures per day
 */
public record ArticleTotal(LocalDate refDate, String msgid, String title, List<Day> details) {
    /**
     * Copies the list.
     *
     * @param refDate the send day
     * @param msgid the article, {@code msgid_index}
     * @param title the title
     * @param details the figures per day
     */
    public ArticleTotal {
        details = List.copyOf(details);
    }

    /**
     * The figures of one day.
     *
     * @param statDate the day
     * @param targetUser the followers it was sent to
     * @param stats the cumulated figures up to that day
     */
    public record Day(LocalDate statDate, long targetUser, ArticleStats stats) {
    }
}
