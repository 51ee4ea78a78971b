package org.wechatmp.admin.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.AccountSync;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.PageRequest;
import org.wechatmp.core.spi.PublishedMenu;
import org.wechatmp.core.sync.SyncResult;

/**
 * The menus of an account (issue 13): {@code /a/{account}/menu} the tree editor of the default menu (working copy,
 * diff against the published menu, publish), {@code /menu/import}, {@code /menu/discard}, {@code /menu/delete},
 * {@code /menu/history} with restore, {@code /menu/articles} (published articles for the picker) and
 * {@code /menu/conditional...} (conditional menus by tag, try-match). Reading needs VIEW on MENUS, editing the
 * working copy EDIT, anything that changes what followers see PUBLISH; every write is audited.
 */
final class MenuPages implements SectionPages {
    private MenuDrafts drafts;
    private MenuEditing editing;
    private MenuConditional conditional;

    @Override
    public void start(Services s) {
        drafts = new MenuDrafts(s.storage().jdbi(), s.clock());
        editing = new MenuEditing(drafts);
        conditional = new MenuConditional(editing, drafts);
    }

    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        if (rest.startsWith("/conditional")) {
            conditional.route(c, account, rest.substring("/conditional".length()));
            return;
        }
        if (rest.startsWith("/history/") && rest.endsWith("/restore")) {
            restore(c, account, rest.substring("/history/".length(), rest.length() - "/restore".length()));
            return;
        }
        switch (rest) {
            case "", "/" -> {
                c.requireMethod("GET", "POST");
                if (c.post()) {
                    editing.post(c, account, false);
                } else {
                    editing.show(c, account, false);
                }
            }
            case "/import" -> importMenu(c, account);
            case "/discard" -> editing.discard(c, account, false);
            case "/delete" -> delete(c, account);
            case "/history" -> {
                c.requireMethod("GET");
                history(c, account, null, 200);
            }
            case "/articles" -> articles(c, account);
            default -> throw HttpError.notFound();
        }
    }

    private void importMenu(Ctx c, Account a) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MENUS, Level.EDIT);
        AccountSync sync = c.s.runtime().sync(a);
        try {
            SyncResult r = sync.menus().importMenu(a, sync.client());
            drafts.drop(a.name(), MenuDrafts.DEFAULT);
            c.s.audit().record(c.who(), a.name(), "menu.import", "default", true, null, r.stored() + " buttons");
            c.redirect("/a/" + a.name() + "/menu", "menus.imported");
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), "menu.import", "default", false, errcode(e), detail(e));
            editing.show(c, a, false, 400, wechatError(c, e));
        }
    }

    private void delete(Ctx c, Account a) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MENUS, Level.PUBLISH);
        try {
            c.s.runtime().client(a).menus().delete();
            drafts.forgetPublished(a.name());
            c.s.storage().menus().replaceConditionalMenus(a.name(), Map.of());
            c.s.audit().record(c.who(), a.name(), "menu.delete", "default", true, null, "and every conditional menu");
            c.redirect("/a/" + a.name() + "/menu", "menus.deleted");
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), "menu.delete", "default", false, errcode(e), detail(e));
            editing.show(c, a, false, 400, wechatError(c, e));
        }
    }

    /**
     * One published version as the history shows it.
     *
     * @param menu the version
     * @param buttons its buttons
     * @param by who published it from the admin, or {@code null} (published by code or before the admin)
     */
    record Version(PublishedMenu menu, List<MenuButton> buttons, MenuDrafts.Publisher by) {
    }

    private void history(Ctx c, Account a, String error, int status) throws IOException {
        AccountPages.need(c, a, Section.MENUS, Level.VIEW);
        int page;
        try {
            page = Math.max(1, Integer.parseInt(c.param("page")));
        } catch (NumberFormatException e) {
            page = 1;
        }
        Page<PublishedMenu> versions = c.s.storage().menus().publishedHistory(a.name(),
                PageRequest.ofPage(page, 10));
        Map<Long, MenuDrafts.Publisher> by = drafts.publishers(a.name(),
                versions.items().stream().map(PublishedMenu::id).toList());
        List<Version> rows = new ArrayList<>();
        for (PublishedMenu m : versions.items()) {
            rows.add(new Version(m, MenuButton.parse(m.menu()), by.get(m.id())));
        }
        c.render("menu_history", status, "menus.history", "account", a.name(), "versions", rows, "page", versions,
                "canPublish", c.user.can(a.name(), Section.MENUS, Level.PUBLISH), "error", error);
    }

    private void restore(Ctx c, Account a, String idText) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MENUS, Level.PUBLISH);
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw HttpError.notFound();
        }
        JsonNode menu = drafts.version(a.name(), id).orElseThrow(HttpError::notFound);
        try {
            editing.publishDefault(c, a, menu, id);
            c.redirect("/a/" + a.name() + "/menu/history", "menus.restored");
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), "menu.restore", "version " + id, false, errcode(e), detail(e));
            history(c, a, wechatError(c, e), 400);
        }
    }

    /**
     * A published article for the picker.
     *
     * @param articleId its id
     * @param title its first title
     * @param updated when it was last updated (seconds)
     */
    record Article(String articleId, String title, long updated) {
    }

    private void articles(Ctx c, Account a) throws IOException {
        c.requireMethod("GET");
        AccountPages.need(c, a, Section.MENUS, Level.VIEW);
        int offset;
        try {
            offset = Math.max(0, Integer.parseInt(c.param("offset")));
        } catch (NumberFormatException e) {
            offset = 0;
        }
        List<Article> list = new ArrayList<>();
        String error = null;
        long total = 0;
        try {
            JsonNode json = c.s.runtime().client(a).freePublish().list(offset, 20, true);
            total = json.path("total_count").asLong();
            for (JsonNode item : json.path("item")) {
                list.add(new Article(item.path("article_id").asText(), item.path("content").path("news_item")
                        .path(0).path("title").asText(""), item.path("update_time").asLong()));
            }
        } catch (WeChatException e) {
            error = wechatError(c, e);
        }
        c.render("menu_articles", error == null ? 200 : 502, "menus.articles", "account", a.name(), "articles", list,
                "offset", offset, "total", total, "error", error);
    }

    static Integer errcode(WeChatException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof WeChatApiException api) {
                return api.errcode();
            }
            t = t.getCause();
        }
        return null;
    }

    static String detail(WeChatException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    /** WeChat's refusal in the user's language: a known errcode's own message, else the code and WeChat's text. */
    static String wechatError(Ctx c, WeChatException e) {
        Integer code = errcode(e);
        if (code == null) {
            return c.msg.t("menus.wechat.failed", detail(e));
        }
        String known = c.msg.t("menus.errcode." + code);
        return known.startsWith("menus.errcode.") ? c.msg.t("menus.wechat.refused", code, detail(e))
                : c.msg.t("menus.wechat.known", code, known);
    }
}
