package org.wechatmp.core.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.NewsArticle;

/**
 * Locally stored permanent materials; the reply engine reads the articles of news materials from here.
 *
 * <p>Read side: {@link #find}, {@link #query}, {@link #mediaIds}, {@link #articles}. Write side: {@link #save},
 * {@link #saveArticles}, {@link #delete}.
 */
public interface MaterialRepository {
    /**
     * One material.
     *
     * @param account the account name
     * @param mediaId the media id
     * @return the material, if stored
     */
    Optional<StoredMaterial> find(String account, String mediaId);

    /**
     * A page of materials, newest update first (ties by media id, descending).
     *
     * @param account the account name
     * @param type only this type, or {@code null} for every type
     * @param page the page (offset paging)
     * @return the page
     */
    Page<StoredMaterial> query(String account, String type, PageRequest page);

    /**
     * The media ids stored for a type.
     *
     * @param account the account name
     * @param type the type
     * @return the media ids
     */
    Set<String> mediaIds(String account, String type);

    /**
     * The articles of a news material, in order.
     *
     * @param account the account name
     * @param mediaId the news material's media id
     * @return the articles; empty when unknown
     */
    List<NewsArticle> articles(String account, String mediaId);

    /**
     * Stores a material as WeChat lists it (for news, replacing its articles), keeping local fields.
     *
     * @param account the account name
     * @param type {@code image}, {@code voice}, {@code video} or {@code news}
     * @param item the material
     */
    void save(String account, String type, MaterialItem item);

    /**
     * Stores (replaces) the articles of a news material, creating the material when unknown.
     *
     * @param account the account name
     * @param mediaId the news material's media id
     * @param articles the articles, in order
     */
    void saveArticles(String account, String mediaId, List<NewsArticle> articles);

    /**
     * Deletes a stored material and its articles (locally only).
     *
     * @param account the account name
     * @param mediaId the media id
     */
    void delete(String account, String mediaId);
}
