package org.wechatmp.core.client;

/**
 * Reading, sharing and favourites figures of articles.
 *
 * @param intPageReadUser readers of the article page
 * @param intPageReadCount reads of the article page
 * @param oriPageReadUser readers of the original page
 * @param oriPageReadCount reads of the original page
 * @param shareUser sharers
 * @param shareCount shares
 * @param addToFavUser users who added it to favourites
 * @param addToFavCount additions to favourites
 */
public record ArticleStats(long intPageReadUser, long intPageReadCount, long oriPageReadUser, long oriPageReadCount,
        long shareUser, long shareCount, long addToFavUser, long addToFavCount) {
    static ArticleStats read(com.fasterxml.jackson.databind.JsonNode n) {
        return new ArticleStats(n.path("int_page_read_user").asLong(), n.path("int_page_read_count").asLong(),
                n.path("ori_page_read_user").asLong(), n.path("ori_page_read_count").asLong(),
                n.path("share_user").asLong(), n.path("share_count").asLong(), n.path("add_to_fav_user").asLong(),
                n.path("add_to_fav_count").asLong());
    }
}
