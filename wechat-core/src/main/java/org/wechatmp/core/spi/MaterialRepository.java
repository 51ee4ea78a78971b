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

    /**
     * Stores a material as WeChat lists it (for news, with its articles), keeping local fields.
     *
     * @param account the account name
     * @param type {@code image}, {@code voice}, {@code video} or {@code news}
     * @param item the material
     */
    void saveMaterial(String account, String type, org.wechatmp.core.client.MaterialItem item);

    /**
     * The media ids stored for a type.
     *
     * @param account the account name
     * @param type the type
     * @return the media ids
     */
    java.util.Set<String> mediaIds(String account, String type);

    /**
     * Deletes a stored material and its articles (locally only).
     *
     * @param account the account name
     * @param mediaId the media id
     */
    void deleteMaterial(String account, String mediaId);
}
