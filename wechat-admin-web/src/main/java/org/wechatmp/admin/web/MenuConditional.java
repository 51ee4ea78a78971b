package org.wechatmp.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.Tag;

/**
 * {@code /a/{account}/menu/conditional}: the conditional menus (as imported or added here) with their rule, delete,
 * {@code /new} (the tree editor preparing one, published with {@code menu/addconditional}) and {@code /trymatch}
 * (which menu a follower sees, from {@code menu/trymatch}). WeChat only matches by tag now: rules on sex, region or
 * language are answered 65320, shown as such.
 */
final class MenuConditional {
    /** The rule's fields, tag first; the others are offered for completeness and WeChat refuses most of them. */
    static final List<String> RULE_FIELDS = List.of("tag_id", "client_platform_type", "sex", "country", "province",
            "city", "language");

    /**
     * A conditional menu as the list shows it.
     *
     * @param menuId WeChat's id
     * @param rule its match rule's filled fields
     * @param buttons its buttons
     * @param tag the tag's name, or {@code null}
     */
    record Shown(String menuId, Map<String, String> rule, List<MenuButton> buttons, String tag) {
    }

    /**
     * A try-match's answer.
     *
     * @param user the openid or WeChat id asked about
     * @param buttons the menu it sees
     * @param menuId the conditional menu it matched, or {@code null} for the default menu
     * @param error WeChat's refusal, translated, or {@code null}
     */
    record Match(String user, List<MenuButton> buttons, String menuId, String error) {
    }

    private final MenuEditing editing;
    private final MenuDrafts drafts;

    MenuConditional(MenuEditing editing, MenuDrafts drafts) {
        this.editing = editing;
        this.drafts = drafts;
    }

    void route(Ctx c, Account a, String rest) throws IOException {
        switch (rest) {
            case "", "/" -> {
                c.requireMethod("GET");
                list(c, a, null, 200);
            }
            case "/new" -> {
                c.requireMethod("GET", "POST");
                if (c.post()) {
                    editing.post(c, a, true);
                } else {
                    editing.show(c, a, true);
                }
            }
            case "/discard" -> editing.discard(c, a, true);
            case "/trymatch" -> tryMatch(c, a);
            default -> {
                if (rest.startsWith("/") && rest.endsWith("/delete")) {
                    delete(c, a, rest.substring(1, rest.length() - "/delete".length()));
                    return;
                }
                throw HttpError.notFound();
            }
        }
    }

    private void list(Ctx c, Account a, Match match, int status) throws IOException {
        AccountPages.need(c, a, Section.MENUS, Level.VIEW);
        Map<Integer, String> tags = new LinkedHashMap<>();
        for (Tag t : c.s.storage().tags().tags(a.name())) {
            tags.put(t.id(), t.name());
        }
        List<Shown> shown = new ArrayList<>();
        c.s.storage().menus().conditionalMenus(a.name()).forEach((id, m) -> {
            Map<String, String> rule = new LinkedHashMap<>();
            m.path("matchrule").fields().forEachRemaining(e -> {
                if (!e.getValue().asText("").isEmpty()) {
                    rule.put(e.getKey(), e.getValue().asText());
                }
            });
            String tag = null;
            try {
                tag = rule.containsKey("tag_id") ? tags.get(Integer.parseInt(rule.get("tag_id"))) : null;
            } catch (NumberFormatException e) {
                tag = null;
            }
            shown.add(new Shown(id, rule, MenuButton.parse(m), tag));
        });
        c.render("menu_conditional", status, "menus.conditional", "account", a.name(), "menus", shown, "match", match,
                "preparing", drafts.find(a.name(), MenuDrafts.CONDITIONAL).isPresent(),
                "canEdit", c.user.can(a.name(), Section.MENUS, Level.EDIT),
                "canPublish", c.user.can(a.name(), Section.MENUS, Level.PUBLISH));
    }

    private void delete(Ctx c, Account a, String menuId) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MENUS, Level.PUBLISH);
        Map<String, JsonNode> all = new LinkedHashMap<>(c.s.storage().menus().conditionalMenus(a.name()));
        if (!all.containsKey(menuId)) {
            throw HttpError.notFound();
        }
        try {
            c.s.runtime().client(a).menus().deleteConditional(menuId);
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), "menu.conditional.delete", menuId, false, MenuPages.errcode(e),
                    MenuPages.detail(e));
            list(c, a, new Match("", List.of(), null, MenuPages.wechatError(c, e)), 400);
            return;
        }
        all.remove(menuId);
        c.s.storage().menus().replaceConditionalMenus(a.name(), all);
        c.s.audit().record(c.who(), a.name(), "menu.conditional.delete", menuId, true, null, null);
        c.redirect("/a/" + a.name() + "/menu/conditional", "menus.conditional.deleted");
    }

    private void tryMatch(Ctx c, Account a) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MENUS, Level.VIEW);
        String user = c.param("user");
        if (user.isEmpty() || user.length() > 64) {
            list(c, a, new Match(user, List.of(), null, c.msg.t("menus.trymatch.baduser")), 400);
            return;
        }
        try {
            JsonNode answer = c.s.runtime().client(a).menus().tryMatch(user);
            List<MenuButton> buttons = MenuButton.parse(answer);
            String matched = null;
            for (Map.Entry<String, JsonNode> e : c.s.storage().menus().conditionalMenus(a.name()).entrySet()) {
                if (MenuButton.parse(e.getValue()).equals(buttons)) {
                    matched = e.getKey();
                }
            }
            c.s.audit().record(c.who(), a.name(), "menu.trymatch", user, true, null,
                    matched == null ? "default menu" : "conditional menu " + matched);
            list(c, a, new Match(user, buttons, matched, null), 200);
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), "menu.trymatch", user, false, MenuPages.errcode(e),
                    MenuPages.detail(e));
            list(c, a, new Match(user, List.of(), null, MenuPages.wechatError(c, e)), 400);
        }
    }
}
