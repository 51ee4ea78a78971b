package org.wechatmp.core.client;

/**
 * One article of a news material, a draft or a published article.
 *
 * @param title the title
 * @param thumbMediaId the cover's media id
 * @param thumbUrl the cover's URL
 * @param showCoverPic 1 to show the cover in the body
 * @param author the author
 * @param digest the summary
 * @param content the HTML body
 * @param url the article's URL
 * @param contentSourceUrl the "read more" URL
 * @param needOpenComment 1 when comments are open
 * @param onlyFansCanComment 1 when only followers may comment
 */
public record NewsArticle(String title, String thumbMediaId, String thumbUrl, int showCoverPic, String author,
        String digest, String content, String url, String contentSourceUrl, int needOpenComment,
        int onlyFansCanComment) {
}
