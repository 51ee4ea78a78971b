package org.wechatmp.core.reply;

/**
 * One article of a {@link NewsReply}. Absent values render as empty.
 *
 * @param title the title
 * @param description the summary
 * @param picUrl the cover picture URL
 * @param url the link opened when the article is tapped
 */
public record Article(String title, String description, String picUrl, String url) {
    /**
     * Replaces {@code null} with empty strings.
     *
     * @param title the title
     * @param description the summary
     * @param picUrl the cover picture URL
     * @param url the link
     */
    public Article {
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        picUrl = picUrl == null ? "" : picUrl;
        url = url == null ? "" : url;
    }
}
