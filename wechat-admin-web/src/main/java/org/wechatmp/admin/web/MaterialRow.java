package org.wechatmp.admin.web;

import java.time.Instant;
import java.util.List;
import org.wechatmp.core.client.NewsArticle;

/**
 * A permanent material as the pages show it: WeChat's fields and the local alias and note.
 *
 * @param mediaId the media id
 * @param type {@code image}, {@code voice}, {@code video} or {@code news}
 * @param name the file name (empty for news)
 * @param url WeChat's URL (images; never sent to the browser as a source)
 * @param updated WeChat's update time
 * @param alias the local alias, or empty
 * @param note the local note, or empty
 * @param articles a news material's articles; empty otherwise
 */
record MaterialRow(String mediaId, String type, String name, String url, Instant updated, String alias, String note,
        List<NewsArticle> articles) {
    /** What to call it: the alias, the file name, the first article's title, or the media id. */
    String label() {
        if (!alias.isEmpty()) {
            return alias;
        }
        if (!name.isEmpty()) {
            return name;
        }
        return articles.isEmpty() || articles.get(0).title() == null || articles.get(0).title().isEmpty() ? mediaId
                : articles.get(0).title();
    }
}
