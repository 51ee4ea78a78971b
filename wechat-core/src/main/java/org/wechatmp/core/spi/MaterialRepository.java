package org.wechatmp.core.spi;

import java.util.List;
import org.wechatmp.core.client.NewsArticle;

/**
 * Locally stored materials; the reply engine reads the articles of news materials from here.
 */
public interface MaterialRepository {
    /**
     * The articles of a news material, in order.
     *
     * @param account the account name
     * @param mediaId the news material's media id
     * @return the articles; empty when unknown
     */
    List<NewsArticle> articles(String account, String mediaId);

    /**
     * Stores (replaces) the articles of a news material.
     *
     * @param account the account name
     * @param mediaId the news material's media id
     * @param articles the articles, in order
     */
    void saveArticles(String account, String mediaId, List<NewsArticle> articles);
}
