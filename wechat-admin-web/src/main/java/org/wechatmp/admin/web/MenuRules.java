package org.wechatmp.admin.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * WeChat's rules for a menu, checked before any call: 1 to 3 top-level buttons, up to 5 sub-buttons each, names of
 * 1 to 16 UTF-8 bytes (top level) or 60 (sub-buttons), keys up to 128 bytes, URLs up to 1024, and each type's required
 * fields. The same limits drive the browser's live counters ({@code data-max-bytes}).
 */
final class MenuRules {
    static final int MAX_TOP = 3;
    static final int MAX_SUB = 5;
    static final int TOP_NAME_BYTES = 16;
    static final int SUB_NAME_BYTES = 60;
    static final int KEY_BYTES = 128;
    static final int URL_BYTES = 1024;
    /** A generous bound on ids (appid, page path, media and article ids) so nothing unbounded is stored. */
    static final int ID_BYTES = 1024;

    /**
     * One problem of a button or of the menu.
     *
     * @param path the button ({@code 0}, {@code 0.2}), empty for the whole menu
     * @param field the form field ({@code name}, {@code key}, ...), empty for the whole button
     * @param key the message key
     * @param args the message's arguments
     * @param length whether it is a length limit (the draft is then not saved)
     */
    record Problem(String path, String field, String key, List<Object> args, boolean length) {
        Problem {
            args = List.copyOf(args);
        }
    }

    private MenuRules() {
    }

    /**
     * The length of a text as WeChat counts it: UTF-8 bytes (a Chinese character is 3, most emoji 4).
     *
     * @param s the text
     * @return its bytes
     */
    static int bytes(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Every problem of a menu.
     *
     * @param buttons the top-level buttons
     * @return the problems, in button order; empty when WeChat would accept it
     */
    static List<Problem> check(List<MenuButton> buttons) {
        List<Problem> out = new ArrayList<>();
        if (buttons.isEmpty()) {
            out.add(new Problem("", "", "menus.err.empty", List.of(), false));
        }
        if (buttons.size() > MAX_TOP) {
            out.add(new Problem("", "", "menus.err.toomany", List.of(MAX_TOP), false));
        }
        for (int i = 0; i < buttons.size(); i++) {
            MenuButton b = buttons.get(i);
            String path = Integer.toString(i);
            name(b, path, TOP_NAME_BYTES, out);
            if (b.parent()) {
                if (b.subs().size() > MAX_SUB) {
                    out.add(new Problem(path, "", "menus.err.toomanysubs", List.of(MAX_SUB), false));
                }
                for (int j = 0; j < b.subs().size(); j++) {
                    MenuButton s = b.subs().get(j);
                    name(s, path + "." + j, SUB_NAME_BYTES, out);
                    leaf(s, path + "." + j, out);
                }
            } else {
                leaf(b, path, out);
            }
        }
        return out;
    }

    private static void name(MenuButton b, String path, int max, List<Problem> out) {
        int n = bytes(b.name());
        if (b.name().isBlank()) {
            out.add(new Problem(path, "name", "menus.err.noname", List.of(), false));
        } else if (n > max) {
            out.add(new Problem(path, "name", "menus.err.namelong", List.of(b.name(), n, max), true));
        }
    }

    private static void leaf(MenuButton b, String path, List<Problem> out) {
        String type = b.type();
        if (!MenuButton.TYPES.contains(type)) {
            out.add(new Problem(path, "type", "menus.err.type", List.of(), false));
            return;
        }
        if (MenuButton.KEYED.contains(type)) {
            required(b.key(), path, "key", KEY_BYTES, out);
        } else if (bytes(b.key()) > KEY_BYTES) {
            out.add(new Problem(path, "key", "menus.err.long", List.of(bytes(b.key()), KEY_BYTES), true));
        }
        switch (type) {
            case "view" -> url(b.url(), path, true, out);
            case "miniprogram" -> {
                required(b.appid(), path, "appid", ID_BYTES, out);
                required(b.pagepath(), path, "pagepath", ID_BYTES, out);
                url(b.url(), path, true, out);
            }
            case "media_id", "view_limited" -> required(b.mediaId(), path, "media_id", ID_BYTES, out);
            case "article_id", "article_view_limited" -> required(b.articleId(), path, "article_id", ID_BYTES, out);
            default -> {
            }
        }
        if (!"view".equals(type) && !"miniprogram".equals(type)) {
            url(b.url(), path, false, out);
        }
    }

    private static void required(String value, String path, String field, int max, List<Problem> out) {
        if (value.isBlank()) {
            out.add(new Problem(path, field, "menus.err.required", List.of(), false));
        } else if (bytes(value) > max) {
            out.add(new Problem(path, field, "menus.err.long", List.of(bytes(value), max), true));
        }
    }

    private static void url(String url, String path, boolean needed, List<Problem> out) {
        if (url.isBlank()) {
            if (needed) {
                out.add(new Problem(path, "url", "menus.err.required", List.of(), false));
            }
        } else if (bytes(url) > URL_BYTES) {
            out.add(new Problem(path, "url", "menus.err.long", List.of(bytes(url), URL_BYTES), true));
        } else if (!url.startsWith("https://") && !url.startsWith("http://")) {
            out.add(new Problem(path, "url", "menus.err.url", List.of(), false));
        }
    }
}
