package org.wechatmp.core.spi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wechatmp.core.client.NewsArticle;

/** A {@link MaterialRepository} in memory. */
public final class InMemoryMaterialRepository implements MaterialRepository {
    private final Map<String, List<NewsArticle>> news = new ConcurrentHashMap<>();

    /**
     * Stores the articles of a news material.
     *
     * @param account the account name
     * @param mediaId the media id
     * @param articles the articles
     * @return this repository
     */
    public InMemoryMaterialRepository putNews(String account, String mediaId, List<NewsArticle> articles) {
        news.put(account + '\u0000' + mediaId, List.copyOf(articles));
        return this;
    }

    @Override
    public void saveArticles(String account, String mediaId, List<NewsArticle> articles) {
        putNews(account, mediaId, articles);
    }

    @Override
    public List<NewsArticle> articles(String account, String mediaId) {
        return news.getOrDefault(account + '\u0000' + mediaId, List.of());
    }
}
