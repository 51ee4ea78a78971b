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
}
