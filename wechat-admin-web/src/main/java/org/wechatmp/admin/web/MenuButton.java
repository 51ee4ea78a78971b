package org.wechatmp.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One button of a menu being edited, in WeChat's terms: a top-level button either has sub-buttons (then its own
 * type is ignored) or is a leaf with a type and that type's fields.
 *
 * @param name the name shown
 * @param type {@code click}, {@code view}, ... (empty for a parent)
 * @param key the click/scan/pic/location key
 * @param url the view URL (also the fallback of a miniprogram button)
 * @param appid the mini program's appid
 * @param pagepath the mini program's page
 * @param mediaId a permanent material ({@code media_id}, {@code view_limited})
 * @param articleId a published article ({@code article_id}, {@code article_view_limited})
 * @param subs the sub-buttons (empty for a leaf)
 */
record MenuButton(String name, String type, String key, String url, String appid, String pagepath, String mediaId,
        String articleId, List<MenuButton> subs) {
    /** The types the API accepts, in the order the editor offers them. */
    static final List<String> TYPES = List.of("click", "view", "miniprogram", "scancode_push", "scancode_waitmsg",
            "pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select", "media_id", "view_limited",
            "article_id", "article_view_limited");
    /** The types that need a key. */
    static final Set<String> KEYED = Set.of("click", "scancode_push", "scancode_waitmsg", "pic_sysphoto",
            "pic_photo_or_album", "pic_weixin", "location_select");

    MenuButton {
        name = nz(name);
        type = nz(type);
        key = nz(key);
        url = nz(url);
        appid = nz(appid);
        pagepath = nz(pagepath);
        mediaId = nz(mediaId);
        articleId = nz(articleId);
        subs = List.copyOf(subs == null ? List.of() : subs);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A new leaf button. */
    static MenuButton blank(String name) {
        return new MenuButton(name, "click", "", "", "", "", "", "", List.of());
    }

    boolean parent() {
        return !subs.isEmpty();
    }

    MenuButton withSubs(List<MenuButton> newSubs) {
        return new MenuButton(name, type, key, url, appid, pagepath, mediaId, articleId, newSubs);
    }

    /**
     * Reads WeChat's JSON ({@code {"button": [...]}}).
     *
     * @param menu the menu, or {@code null}
     * @return the buttons
     */
    static List<MenuButton> parse(JsonNode menu) {
        List<MenuButton> out = new ArrayList<>();
        if (menu == null) {
            return out;
        }
        for (JsonNode b : menu.path("button")) {
            List<MenuButton> subs = new ArrayList<>();
            JsonNode list = b.path("sub_button").isArray() ? b.path("sub_button") : b.path("sub_button").path("list");
            for (JsonNode s : list) {
                subs.add(one(s, List.of()));
            }
            out.add(one(b, subs));
        }
        return out;
    }

    private static MenuButton one(JsonNode b, List<MenuButton> subs) {
        return new MenuButton(b.path("name").asText(""), b.path("type").asText(""), b.path("key").asText(""),
                b.path("url").asText(""), b.path("appid").asText(""), b.path("pagepath").asText(""),
                b.path("media_id").asText(""), b.path("article_id").asText(""), subs);
    }

    /**
     * Writes WeChat's JSON: only the fields the button's type uses, sub-buttons under {@code sub_button}.
     *
     * @param buttons the buttons
     * @return {@code {"button": [...]}}
     */
    static ObjectNode toJson(List<MenuButton> buttons) {
        ObjectNode menu = JsonNodeFactory.instance.objectNode();
        ArrayNode arr = menu.putArray("button");
        for (MenuButton b : buttons) {
            ObjectNode o = arr.addObject();
            if (b.parent()) {
                o.put("name", b.name());
                ArrayNode subs = o.putArray("sub_button");
                b.subs().forEach(s -> s.fill(subs.addObject()));
            } else {
                b.fill(o);
            }
        }
        return menu;
    }

    private void fill(ObjectNode o) {
        o.put("type", type);
        o.put("name", name);
        switch (type) {
            case "view" -> o.put("url", url);
            case "miniprogram" -> {
                o.put("url", url);
                o.put("appid", appid);
                o.put("pagepath", pagepath);
            }
            case "media_id", "view_limited" -> o.put("media_id", mediaId);
            case "article_id", "article_view_limited" -> o.put("article_id", articleId);
            default -> {
                if (KEYED.contains(type) || !key.isEmpty()) {
                    o.put("key", key);
                }
            }
        }
    }

    /**
     * A one-line summary for diffs and lists, e.g. {@code 今日歌曲 [click: V1001]}.
     *
     * @return the summary
     */
    String summary() {
        if (parent()) {
            return name;
        }
        String target = switch (type) {
            case "view" -> url;
            case "miniprogram" -> appid + " " + pagepath + " " + url;
            case "media_id", "view_limited" -> mediaId;
            case "article_id", "article_view_limited" -> articleId;
            default -> key;
        };
        return name + " [" + type + ": " + target + "]";
    }
}
