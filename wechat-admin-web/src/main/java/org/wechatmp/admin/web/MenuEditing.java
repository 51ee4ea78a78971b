package org.wechatmp.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.AccountSync;
import org.wechatmp.core.spi.MenuRepository;
import org.wechatmp.core.spi.PageRequest;

/**
 * The tree editor of {@code /a/{account}/menu} (the default menu) and {@code /menu/conditional/new} (a conditional
 * menu being prepared): shows the working copy, saves every operation into it, and publishes it after checking
 * {@link MenuRules} (nothing reaches WeChat when a rule is broken; the typed input is shown again).
 */
final class MenuEditing {
    private final MenuDrafts drafts;

    MenuEditing(MenuDrafts drafts) {
        this.drafts = drafts;
    }

    private static String which(boolean conditional) {
        return conditional ? MenuDrafts.CONDITIONAL : MenuDrafts.DEFAULT;
    }

    void show(Ctx c, Account a, boolean conditional) throws IOException {
        show(c, a, conditional, 200, null);
    }

    /** The editor with the working copy (or the stored menu), and an error above it when not {@code null}. */
    void show(Ctx c, Account a, boolean conditional, int status, String error) throws IOException {
        AccountPages.need(c, a, Section.MENUS, Level.VIEW);
        MenuDrafts.Draft draft = drafts.find(a.name(), which(conditional)).orElse(null);
        List<MenuButton> buttons;
        Map<String, String> rule = new LinkedHashMap<>();
        if (draft != null) {
            buttons = MenuButton.parse(draft.menu());
            draft.menu().path("matchrule").fields().forEachRemaining(e -> rule.put(e.getKey(), e.getValue().asText()));
        } else {
            buttons = MenuButton.parse(base(c, a));
        }
        render(c, a, conditional, status, buttons, rule, draft == null ? List.of() : MenuRules.check(buttons),
                draft == null ? 0 : draft.revision(), error);
    }

    /** Drops a working copy (POST, EDIT). */
    void discard(Ctx c, Account a, boolean conditional) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MENUS, Level.EDIT);
        drafts.drop(a.name(), which(conditional));
        c.s.audit().record(c.who(), a.name(), "menu.discard", which(conditional), true, null, null);
        c.redirect("/a/" + a.name() + (conditional ? "/menu/conditional" : "/menu"), "menus.discarded");
    }

    /** The default menu's working copy, else the stored menu (imported or last published). */
    JsonNode base(Ctx c, Account a) {
        return drafts.find(a.name(), MenuDrafts.DEFAULT).map(MenuDrafts.Draft::menu)
                .or(() -> c.s.storage().menus().menu(a.name())).orElse(null);
    }

    void render(Ctx c, Account a, boolean conditional, int status, List<MenuButton> buttons,
            Map<String, String> rule, List<MenuRules.Problem> problems, long revision, String error)
            throws IOException {
        MenuRepository menus = c.s.storage().menus();
        List<MenuButton> published = MenuButton.parse(menus.published(a.name()).orElse(null));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (MenuRules.Problem p : problems) {
            errors.computeIfAbsent(p.path() + ":" + p.field(), k -> new ArrayList<>())
                    .add(c.msg.t(p.key(), p.args().toArray()));
        }
        MenuEditor view = new MenuEditor(a.name(), conditional, buttons, errors, revision,
                drafts.find(a.name(), which(conditional)).orElse(null),
                conditional ? List.of() : MenuDiff.of(published, buttons),
                menus.published(a.name()).isPresent(), c.user.can(a.name(), Section.MENUS, Level.EDIT),
                c.user.can(a.name(), Section.MENUS, Level.PUBLISH), error,
                c.s.storage().materials().query(a.name(), null, PageRequest.first(200)).items(), rule,
                conditional ? c.s.storage().tags().tags(a.name()) : List.of());
        c.render("menu_editor", status, conditional ? "menus.conditional.new" : "menus.title", "ed", view);
    }

    /** A submitted editor form: keep what was typed, apply the operation, save the working copy, maybe publish. */
    void post(Ctx c, Account a, boolean conditional) throws IOException {
        String op = c.param("op").isEmpty() ? "save" : c.param("op");
        boolean publish = "publish".equals(op);
        AccountPages.need(c, a, Section.MENUS, publish ? Level.PUBLISH : Level.EDIT);
        long revision;
        try {
            revision = Long.parseLong(c.param("rev"));
        } catch (NumberFormatException e) {
            revision = 0;
        }
        List<MenuButton> typed = MenuForm.read(c.req::getParameter);
        Map<String, String> rule = conditional ? MenuForm.rule(c.req::getParameter) : Map.of();
        List<MenuButton> after = MenuForm.apply(typed, op, c.msg.t("menus.newbutton"));
        if (after == null) {
            render(c, a, conditional, 400, typed, rule, List.of(), revision, c.msg.t("menus.err.op"));
            return;
        }
        List<MenuRules.Problem> problems = MenuRules.check(after);
        if (problems.stream().anyMatch(MenuRules.Problem::length)) {
            if (publish) {
                c.s.audit().record(c.who(), a.name(), action(conditional), which(conditional), false, null,
                        "refused before calling WeChat: " + firstProblem(problems));
            }
            render(c, a, conditional, 400, after, rule, problems, revision, c.msg.t("menus.err.notsaved"));
            return;
        }
        ObjectNode json = MenuButton.toJson(after);
        if (conditional) {
            ObjectNode r = json.putObject("matchrule");
            rule.forEach(r::put);
        }
        long saved = drafts.save(a.name(), which(conditional), json, revision, c.who());
        if (saved < 0) {
            long current = drafts.find(a.name(), which(conditional)).map(MenuDrafts.Draft::revision).orElse(0L);
            render(c, a, conditional, 409, after, rule, problems, current, c.msg.t("menus.err.conflict"));
            return;
        }
        c.s.audit().record(c.who(), a.name(), "menu.draft", which(conditional), true, null, op);
        if (!publish) {
            c.redirect("/a/" + a.name() + (conditional ? "/menu/conditional/new" : "/menu"), "menus.saved");
            return;
        }
        if (!problems.isEmpty() || conditional && rule.isEmpty()) {
            List<MenuRules.Problem> all = new ArrayList<>(problems);
            if (conditional && rule.isEmpty()) {
                all.add(new MenuRules.Problem("", "", "menus.err.norule", List.of(), false));
            }
            c.s.audit().record(c.who(), a.name(), action(conditional), which(conditional), false, null,
                    "refused before calling WeChat: " + firstProblem(all));
            render(c, a, conditional, 400, after, rule, all, saved, c.msg.t("menus.err.invalid"));
            return;
        }
        try {
            if (conditional) {
                publishConditional(c, a, json);
                c.redirect("/a/" + a.name() + "/menu/conditional", "menus.conditional.added");
            } else {
                publishDefault(c, a, json, null);
                c.redirect("/a/" + a.name() + "/menu", "menus.published");
            }
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), action(conditional), which(conditional), false,
                    MenuPages.errcode(e), MenuPages.detail(e));
            render(c, a, conditional, 400, after, rule, List.of(), saved, MenuPages.wechatError(c, e));
        }
    }

    private static String action(boolean conditional) {
        return conditional ? "menu.conditional.add" : "menu.publish";
    }

    private static String firstProblem(List<MenuRules.Problem> problems) {
        MenuRules.Problem p = problems.get(0);
        return (p.path().isEmpty() ? "" : "button " + p.path() + " ") + Msg.of("en").t(p.key(), p.args().toArray());
    }

    /**
     * Publishes a default menu with {@code menu/create} (through core's {@code MenuSync}, which checks it again and
     * records the version), drops the working copy and records who published.
     *
     * @param restoredFrom the version republished, or {@code null}
     */
    void publishDefault(Ctx c, Account a, JsonNode menu, Long restoredFrom) {
        MenuRepository menus = c.s.storage().menus();
        JsonNode previous = menus.menu(a.name()).orElse(null);
        menus.save(a.name(), menu); // core's publish sends the stored menu
        AccountSync sync = c.s.runtime().sync(a);
        try {
            sync.menus().publish(a, sync.client());
        } catch (RuntimeException e) {
            if (previous != null) {
                menus.save(a.name(), previous); // a refused menu must not become the stored one
            }
            throw e;
        }
        drafts.drop(a.name(), MenuDrafts.DEFAULT);
        drafts.published(a.name(), c.who(), restoredFrom);
        c.s.audit().record(c.who(), a.name(), restoredFrom == null ? "menu.publish" : "menu.restore",
                restoredFrom == null ? "default" : "version " + restoredFrom, true, null,
                MenuDiff.lines(MenuButton.parse(menu)).size() + " buttons");
    }

    private void publishConditional(Ctx c, Account a, ObjectNode menu) {
        String id = c.s.runtime().client(a).menus().addConditional(menu);
        MenuRepository menus = c.s.storage().menus();
        Map<String, JsonNode> all = new LinkedHashMap<>(menus.conditionalMenus(a.name()));
        ObjectNode stored = menu.deepCopy();
        stored.put("menuid", id);
        all.put(id, stored);
        menus.replaceConditionalMenus(a.name(), all);
        drafts.drop(a.name(), MenuDrafts.CONDITIONAL);
        c.s.audit().record(c.who(), a.name(), "menu.conditional.add", id, true, null,
                "matchrule " + menu.path("matchrule"));
    }
}
