package org.wechatmp.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The stored default menu of each account, in WeChat's JSON shape ({@code {"button": [...]}}). */
public interface MenuRepository {
    /**
     * The stored menu.
     *
     * @param account the account name
     * @return the menu, if one is stored
     */
    Optional<JsonNode> menu(String account);

    /**
     * Stores the menu.
     *
     * @param account the account name
     * @param menu the menu
     */
    void saveMenu(String account, JsonNode menu);

    /**
     * The stored conditional menus, keyed by menu id; each holds {@code button} and {@code matchrule}.
     *
     * @param account the account name
     * @return the menus
     */
    java.util.Map<String, JsonNode> conditionalMenus(String account);

    /**
     * Replaces the stored conditional menus.
     *
     * @param account the account name
     * @param menus the menus, keyed by menu id
     */
    void replaceConditionalMenus(String account, java.util.Map<String, JsonNode> menus);

    /**
     * Records what was last published to WeChat.
     *
     * @param account the account name
     * @param published the published JSON
     */
    void recordPublished(String account, JsonNode published);

    /**
     * What was last published to WeChat.
     *
     * @param account the account name
     * @return the JSON, if anything was published
     */
    Optional<JsonNode> published(String account);
}
