package org.wechatmp.core.client;

import java.util.List;

/**
 * One permanent material from a batch listing.
 *
 * @param mediaId the media id
 * @param name the file name (non-news materials)
 * @param updateTime the last update, seconds since the epoch
 * @param url the URL (images)
 * @param articles the articles (news materials); empty otherwise
 */
public record MaterialItem(String mediaId, String name, long updateTime, String url, List<NewsArticle> articles) {
    /**
     * Copies the list.
     *
     * @param mediaId the media id
     * @param name the file name (non-news materials)
     * @param updateTime the last update, seconds since the epoch
     * @param url the URL (images)
     * @param articles the articles (news materials); empty otherwise
     */
    public MaterialItem {
        articles = articles == null ? List.of() : List.copyOf(articles);
    }
}
