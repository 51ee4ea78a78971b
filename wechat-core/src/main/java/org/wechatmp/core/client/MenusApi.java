package org.wechatmp.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * The custom menu: read, create, delete; conditional (personalised) menus; the current self-menu info, which also
 * shows a menu made in the WeChat console. Menus are JSON in WeChat's own shape ({@code {"button": [...]}}).
 */
public final class MenusApi {
    private static final int NO_MENU = 46003;

    private final ApiExecutor x;

    MenusApi(ApiExecutor x) {
        this.x = x;
    }

    /**
     * The menu, with conditional menus under {@code conditionalmenu}.
     *
     * @return the menu JSON, or empty when the account has no menu (errcode 46003 is not an error)
     */
    public Optional<JsonNode> get() {
        JsonNode json = x.json(ApiExecutor.get("/cgi-bin/menu/get", null).accept(NO_MENU));
        return json.path("errcode").asInt(0) == NO_MENU ? Optional.empty() : Optional.of(json);
    }

    /**
     * Creates (replaces) the default menu.
     *
     * @param menu {@code {"button": [...]}} as a map, record or {@link JsonNode}
     */
    public void create(Object menu) {
        x.json(ApiExecutor.post("/cgi-bin/menu/create", menu));
    }

    /**
     * Deletes the default menu and every conditional menu.
     */
    public void delete() {
        x.json(ApiExecutor.get("/cgi-bin/menu/delete", null));
    }

    /**
     * Adds a conditional menu.
     *
     * @param menu {@code {"button": [...], "matchrule": {...}}}
     * @return the new menu's id
     */
    public String addConditional(Object menu) {
        return x.json(ApiExecutor.post("/cgi-bin/menu/addconditional", menu)).path("menuid").asText();
    }

    /**
     * Deletes a conditional menu.
     *
     * @param menuId its id
     */
    public void deleteConditional(String menuId) {
        x.json(ApiExecutor.post("/cgi-bin/menu/delconditional", Map.of("menuid", menuId)));
    }

    /**
     * The menu a given user would see.
     *
     * @param userId an openid or a WeChat id
     * @return the menu JSON
     */
    public JsonNode tryMatch(String userId) {
        return x.json(ApiExecutor.post("/cgi-bin/menu/trymatch", Map.of("user_id", userId)));
    }

    /**
     * The menu currently in force, whether made by API or in the console ({@code is_menu_open},
     * {@code selfmenu_info}).
     *
     * @return the JSON
     */
    public JsonNode currentSelfMenuInfo() {
        return x.json(ApiExecutor.get("/cgi-bin/get_current_selfmenu_info", null));
    }
}
