package org.wechatmp.admin.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.UsersApi;

/**
 * {@code /a/{a}/blacklist}: the blacklisted followers as last seen (paged by openid); {@code POST .../add} (openids
 * typed or selected), {@code .../remove} (selected rows) and {@code .../sync} (the whole list from WeChat). Adds and
 * removes go to WeChat first ({@value UsersApi#BLACKLIST_LIMIT} per call) and are stored only once accepted.
 */
final class BlacklistPages {
    private static final int PAGE = 50;
    private final FollowerStore store;

    BlacklistPages(FollowerStore store) {
        this.store = store;
    }

    void route(Ctx c, Account account, String rest) throws IOException {
        String base = "/a/" + account.name() + "/blacklist";
        switch (rest) {
            case "", "/" -> {
                c.requireMethod("GET");
                show(c, account, 200, null, "");
            }
            case "/add", "/remove" -> {
                c.requireMethod("POST");
                boolean add = "/add".equals(rest);
                List<String> openids;
                try {
                    openids = FollowerPages.selected(c);
                } catch (HttpError e) {
                    show(c, account, 400, c.msg.t(e.getMessage()), c.param("openid"));
                    return;
                }
                if (openids.isEmpty()) {
                    show(c, account, 400, c.msg.t("followers.bulk.none"), "");
                    return;
                }
                String action = add ? "blacklist.add" : "blacklist.remove";
                try {
                    if (add) {
                        add(c, account, store, openids);
                    } else {
                        c.s.runtime().client(account).users().blacklistRemove(openids);
                        store.blacklist(account.name(), openids, false, c.s.clock().instant());
                    }
                } catch (WeChatException e) {
                    FollowerPages.audit(c, account, action, String.join(",", openids), e);
                    show(c, account, 502, FollowerPages.wechatError(c, e), add ? String.join("\n", openids) : "");
                    return;
                }
                c.s.audit().record(c.who(), account.name(), action, cut(String.join(",", openids)), true, null,
                        openids.size() + " followers");
                String back = c.param("back");
                c.redirect(back.matches("[A-Za-z0-9_-]{1,64}") ? "/a/" + account.name() + "/followers/" + back : base,
                        add ? "blacklist.added" : "blacklist.removed");
            }
            case "/sync" -> {
                c.requireMethod("POST");
                List<String> all;
                try {
                    all = c.s.runtime().client(account).users().allBlacklisted().collect(Collectors.toList());
                } catch (WeChatException e) {
                    FollowerPages.audit(c, account, "blacklist.sync", account.name(), e);
                    show(c, account, 502, FollowerPages.wechatError(c, e), "");
                    return;
                }
                store.replaceBlacklist(account.name(), all, c.s.clock().instant());
                c.s.audit().record(c.who(), account.name(), "blacklist.sync", account.name(), true, null,
                        all.size() + " blacklisted");
                c.redirect(base, "blacklist.synced");
            }
            default -> throw HttpError.notFound();
        }
    }

    /** Blacklists followers in WeChat, then locally. */
    static void add(Ctx c, Account account, FollowerStore store, List<String> openids) {
        c.s.runtime().client(account).users().blacklistAdd(openids);
        store.blacklist(account.name(), new ArrayList<>(openids), true, c.s.clock().instant());
    }

    private static String cut(String s) {
        return s.length() <= 250 ? s : s.substring(0, 247) + "...";
    }

    private void show(Ctx c, Account account, int status, String error, String typed) throws IOException {
        String p = c.param("page");
        int page = p.matches("\\d{1,6}") ? Math.max(1, Integer.parseInt(p)) : 1;
        long total = store.blacklistCount(account.name());
        c.render("blacklist_list", status, "blacklist.title", "account", account,
                "rows", store.blacklist(account.name(), (page - 1) * PAGE, PAGE), "total", total, "page", page,
                "pages", Math.max(1, (total + PAGE - 1) / PAGE), "error", error, "typed", typed,
                "canEdit", c.user.can(account.name(), org.wechatmp.admin.auth.Section.FOLLOWERS,
                        org.wechatmp.admin.auth.Level.EDIT));
    }
}
