package org.wechatmp.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * The stored menus of each account in WeChat's JSON shape ({@code {"button": [...]}}): the default menu being
 * edited, the conditional menus, and the history of what was published.
 *
 * <p>Read side: {@link #menu}, {@link #conditionalMenus}, {@link #published}, {@link #publishedHistory}. Write side:
 * {@link #save}, {@link #replaceConditionalMenus}, {@link #recordPublished}.
 */
public interface MenuRepository {
    /**
     * The stored default menu.
     *
     * @param account the account name
     * @return the menu, if one is stored
     */
    Optional<JsonNode> menu(String account);

    /**
     * The stored conditional menus, keyed by menu id; each holds {@code button} and {@code matchrule}.
     *
     * @param account the account name
     * @return the menus, ordered by menu id
     */
    Map<String, JsonNode> conditionalMenus(String account);

    /**
     * What was last published to WeChat.
     *
     * @param account the account name
     * @return the JSON, if anything was published
     */
    Optional<JsonNode> published(String account);

    /**
     * The publications of an account, newest first.
     *
     * @param account the account name
     * @param page the page (offset paging)
     * @return the page
     */
    Page<PublishedMenu> publishedHistory(String account, PageRequest page);

    /**
     * Stores the default menu.
     *
     * @param account the account name
     * @param menu the menu
     */
    void save(String account, JsonNode menu);

    /**
     * Replaces the stored conditional menus.
     *
     * @param account the account name
     * @param menus the menus, keyed by menu id
     */
    void replaceConditionalMenus(String account, Map<String, JsonNode> menus);

    /**
     * Records a publication: it becomes {@link #published} and is added to the {@link #publishedHistory}; when no
     * default menu is stored yet, it is stored as the default menu too.
     *
     * @param account the account name
     * @param published the published JSON
     */
    void recordPublished(String account, JsonNode published);
}
