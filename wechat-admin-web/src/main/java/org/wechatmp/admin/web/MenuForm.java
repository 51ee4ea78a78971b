package org.wechatmp.admin.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The editor's one form: every button's fields ({@code b0.name}, {@code b0.type}, {@code b0.s1.url}, ...) and the
 * operation of the submit button pressed ({@code op}): {@code save}, {@code up:0.1}, {@code down:0}, {@code del:1},
 * {@code addsub:0}, {@code addtop}, {@code move:0.1:3} (drag and drop), {@code publish}. Every operation first keeps
 * what was typed, so nothing typed is lost by a move.
 */
final class MenuForm {
    /** More than WeChat allows, so that a hand-made form with too many buttons is reported, not cut. */
    private static final int SCAN = 8;
    /** Any field is cut here; the limits themselves are far below and reported by {@link MenuRules}. */
    private static final int FIELD_CHARS = 4096;

    private MenuForm() {
    }

    /**
     * Reads the buttons from the request's parameters.
     *
     * @param param a parameter's value, or {@code null} when absent
     * @return the buttons in form order
     */
    static List<MenuButton> read(Function<String, String> param) {
        List<MenuButton> out = new ArrayList<>();
        for (int i = 0; i < SCAN; i++) {
            String p = "b" + i;
            if (param.apply(p + ".name") == null) {
                continue;
            }
            List<MenuButton> subs = new ArrayList<>();
            for (int j = 0; j < SCAN; j++) {
                if (param.apply(p + ".s" + j + ".name") != null) {
                    subs.add(one(param, p + ".s" + j, List.of()));
                }
            }
            out.add(one(param, p, subs));
        }
        return out;
    }

    private static MenuButton one(Function<String, String> param, String p, List<MenuButton> subs) {
        return new MenuButton(v(param, p + ".name"), v(param, p + ".type"), v(param, p + ".key"),
                v(param, p + ".url"), v(param, p + ".appid"), v(param, p + ".pagepath"), v(param, p + ".media_id"),
                v(param, p + ".article_id"), subs);
    }

    private static String v(Function<String, String> param, String name) {
        String s = param.apply(name);
        if (s == null) {
            return "";
        }
        s = s.strip();
        return s.length() > FIELD_CHARS ? s.substring(0, FIELD_CHARS) : s;
    }

    /**
     * Applies an editing operation.
     *
     * @param buttons the buttons as typed
     * @param op the operation
     * @param newName the name of an added button
     * @return the buttons after it, or {@code null} when the operation is unknown or not allowed (a fourth button)
     */
    static List<MenuButton> apply(List<MenuButton> buttons, String op, String newName) {
        String[] parts = op.split(":");
        List<MenuButton> top = new ArrayList<>(buttons);
        try {
            switch (parts[0]) {
                case "save", "publish" -> {
                    return top;
                }
                case "addtop" -> {
                    if (top.size() >= MenuRules.MAX_TOP) {
                        return null;
                    }
                    top.add(MenuButton.blank(newName));
                    return top;
                }
                case "addsub" -> {
                    int i = Integer.parseInt(parts[1]);
                    MenuButton b = top.get(i);
                    if (b.subs().size() >= MenuRules.MAX_SUB) {
                        return null;
                    }
                    List<MenuButton> subs = new ArrayList<>(b.subs());
                    subs.add(MenuButton.blank(newName));
                    top.set(i, b.withSubs(subs));
                    return top;
                }
                case "up", "down", "del" -> {
                    return moveOrDelete(top, parts[1], parts[0]);
                }
                case "move" -> {
                    return move(top, parts[1], Integer.parseInt(parts[2]));
                }
                default -> {
                    return null;
                }
            }
        } catch (RuntimeException e) {
            return null; // a bad index or number: a forged form
        }
    }

    private static List<MenuButton> moveOrDelete(List<MenuButton> top, String path, String what) {
        String[] at = path.split("\\.");
        int i = Integer.parseInt(at[0]);
        if (at.length == 1) {
            edit(top, i, what);
            return top;
        }
        MenuButton parent = top.get(i);
        List<MenuButton> subs = new ArrayList<>(parent.subs());
        edit(subs, Integer.parseInt(at[1]), what);
        top.set(i, parent.withSubs(subs));
        return top;
    }

    private static void edit(List<MenuButton> list, int i, String what) {
        MenuButton b = list.get(i);
        switch (what) {
            case "del" -> list.remove(i);
            case "up" -> {
                if (i > 0) {
                    list.set(i, list.get(i - 1));
                    list.set(i - 1, b);
                }
            }
            default -> {
                if (i < list.size() - 1) {
                    list.set(i, list.get(i + 1));
                    list.set(i + 1, b);
                }
            }
        }
    }

    private static List<MenuButton> move(List<MenuButton> top, String path, int to) {
        String[] at = path.split("\\.");
        int i = Integer.parseInt(at[0]);
        if (at.length == 1) {
            MenuButton b = top.remove(i);
            top.add(Math.max(0, Math.min(to, top.size())), b);
            return top;
        }
        MenuButton parent = top.get(i);
        List<MenuButton> subs = new ArrayList<>(parent.subs());
        MenuButton s = subs.remove(Integer.parseInt(at[1]));
        subs.add(Math.max(0, Math.min(to, subs.size())), s);
        top.set(i, parent.withSubs(subs));
        return top;
    }

    /**
     * The typed rule of a conditional menu ({@code matchrule}), only the fields filled in.
     *
     * @param param a parameter's value, or {@code null}
     * @return the rule
     */
    static Map<String, String> rule(Function<String, String> param) {
        Map<String, String> rule = new java.util.LinkedHashMap<>();
        for (String f : MenuConditional.RULE_FIELDS) {
            String v = v(param, "rule." + f);
            if (!v.isEmpty()) {
                rule.put(f, v.length() > 64 ? v.substring(0, 64) : v);
            }
        }
        return rule;
    }
}
