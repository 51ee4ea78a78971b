package org.wechatmp.core.spi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wechatmp.core.client.NewsArticle;

/** A {@link MaterialRepository} in memory. */
public final class InMemoryMaterialRepository implements MaterialRepository {
    private final Map<String, List<NewsArticle>> news = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> types = new ConcurrentHashMap<>();

    @Override
    public void saveMaterial(String account, String type, org.wechatmp.core.client.MaterialItem item) {
        types.computeIfAbsent(account, a -> new ConcurrentHashMap<>()).put(item.mediaId(), type);
        if (!item.articles().isEmpty()) {
            putNews(account, item.mediaId(), item.articles());
        }
    }

    @Override
    public java.util.Set<String> mediaIds(String account, String type) {
        java.util.Set<String> out = new java.util.HashSet<>();
        types.getOrDefault(account, Map.of()).forEach((id, t) -> {
            if (t.equals(type)) {
                out.add(id);
            }
        });
        return out;
    }

    @Override
    public void deleteMaterial(String account, String mediaId) {
        types.getOrDefault(account, new ConcurrentHashMap<>()).remove(mediaId);
        news.remove(account + '\u0000' + mediaId);
    }

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
