package org.wechatmp.admin.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.callback.MessageLogQuery;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.PageRequest;
import org.wechatmp.core.spi.WeChatUser;
import org.wechatmp.core.sync.TagSync;

/**
 * {@code /a/{a}/followers/{openid}}: the profile, the remark (pushed to WeChat, then stored), the tags (each change
 * pushed), the local note (stored only), the blacklist state and the recent conversation from the message log;
 * {@code POST .../remark}, {@code .../note}, {@code .../tags}, {@code .../refresh}. A WeChat refusal shows its
 * errcode and keeps what was typed.
 */
final class FollowerProfilePage {
    /** WeChat's remark limit. */
    static final int REMARK_MAX = 30;
    static final int NOTE_MAX = 2_000;
    private static final int RECENT = 20;
    private final FollowerStore store;

    FollowerProfilePage(FollowerStore store) {
        this.store = store;
    }

    FollowerStore store() {
        return store;
    }

    void route(Ctx c, Account account, String openid, String action) throws IOException {
        WeChatUser u = c.s.storage().users().find(account.name(), openid).orElseThrow(HttpError::notFound);
        String back = "/a/" + account.name() + "/followers/" + openid;
        switch (action) {
            case "" -> {
                c.requireMethod("GET");
                show(c, account, u, 200, null, null, null);
            }
            case "remark" -> {
                c.requireMethod("POST");
                String remark = c.param("remark");
                if (remark.codePointCount(0, remark.length()) > REMARK_MAX || hasControl(remark)) {
                    show(c, account, u, 400, c.msg.t("followers.remark.toolong", REMARK_MAX), remark, null);
                    return;
                }
                try {
                    c.s.runtime().sync(account).tags().remark(account, c.s.runtime().client(account), openid, remark);
                } catch (WeChatException e) {
                    FollowerPages.audit(c, account, "followers.remark", openid, e);
                    show(c, account, u, 502, FollowerPages.wechatError(c, e), remark, null);
                    return;
                }
                c.s.audit().record(c.who(), account.name(), "followers.remark", openid, true, null, remark);
                c.redirect(back, "followers.remark.saved");
            }
            case "note" -> {
                c.requireMethod("POST");
                String note = c.param("note");
                if (note.length() > NOTE_MAX) {
                    show(c, account, u, 400, c.msg.t("followers.note.toolong", NOTE_MAX), null, note);
                    return;
                }
                store.note(account.name(), openid, note);
                c.s.audit().record(c.who(), account.name(), "followers.note", openid, true, null,
                        note.isEmpty() ? "cleared" : note.length() + " characters");
                c.redirect(back, "followers.note.saved");
            }
            case "tags" -> {
                c.requireMethod("POST");
                tags(c, account, u, back);
            }
            case "refresh" -> {
                c.requireMethod("POST");
                try {
                    FollowerPages.refresh(c, account, store, List.of(openid));
                } catch (WeChatException e) {
                    FollowerPages.audit(c, account, "followers.refresh", openid, e);
                    show(c, account, u, 502, FollowerPages.wechatError(c, e), null, null);
                    return;
                }
                c.s.audit().record(c.who(), account.name(), "followers.refresh", openid, true, null, null);
                c.redirect(back, "followers.bulk.done.refresh");
            }
            default -> throw HttpError.notFound();
        }
    }

    /** Sets the follower's tags to the checked ones: one tagging call per added tag, one untagging per removed. */
    private void tags(Ctx c, Account account, WeChatUser u, String back) throws IOException {
        Set<Integer> known = new LinkedHashSet<>();
        c.s.storage().tags().tags(account.name()).forEach(t -> known.add(t.id()));
        Set<Integer> wanted = new LinkedHashSet<>();
        String[] values = c.req.getParameterValues("tag");
        for (String v : values == null ? new String[0] : values) {
            if (!v.matches("\\d{1,9}") || !known.contains(Integer.valueOf(v))) {
                throw new HttpError(400, "followers.bulk.notag");
            }
            wanted.add(Integer.valueOf(v));
        }
        Set<Integer> current = new LinkedHashSet<>(store.tagsOf(account.name(), List.of(u.openid()))
                .getOrDefault(u.openid(), List.of()));
        if (wanted.size() > 20) {
            show(c, account, u, 400, c.msg.t("followers.tags.toomany"), null, null);
            return;
        }
        TagSync sync = c.s.runtime().sync(account).tags();
        WeChatClient client = c.s.runtime().client(account);
        List<Integer> added = new ArrayList<>();
        List<Integer> removed = new ArrayList<>();
        try {
            for (Integer id : wanted) {
                if (!current.contains(id)) {
                    sync.tag(account, client, id, List.of(u.openid()));
                    added.add(id);
                }
            }
            for (Integer id : current) {
                if (!wanted.contains(id) && known.contains(id)) {
                    sync.untag(account, client, id, List.of(u.openid()));
                    removed.add(id);
                }
            }
        } catch (WeChatException e) {
            FollowerPages.audit(c, account, "followers.tags", u.openid(), e);
            show(c, account, u, 502, FollowerPages.wechatError(c, e), null, null);
            return;
        }
        c.s.audit().record(c.who(), account.name(), "followers.tags", u.openid(), true, null,
                "added " + added + ", removed " + removed);
        c.redirect(back, "followers.tags.saved");
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private void show(Ctx c, Account account, WeChatUser u, int status, String error, String remark, String note)
            throws IOException {
        List<Tag> all = c.s.storage().tags().tags(account.name());
        List<Integer> mine = store.tagsOf(account.name(), List.of(u.openid())).getOrDefault(u.openid(), List.of());
        List<FollowerMessage> recent = c.s.storage().messageLog().query(account.name(),
                MessageLogQuery.thread(u.openid(), PageRequest.first(RECENT).countUpTo(0))).items().stream()
                .map(FollowerMessage::of).toList();
        c.render("followers_detail", status, "followers.profile", "account", account, "u", u, "tags", all,
                "mine", mine, "blacklisted", !store.blacklisted(account.name(), List.of(u.openid())).isEmpty(),
                "recent", recent, "error", error, "remark", remark != null ? remark : nz(u.remark()),
                "note", note != null ? note : nz(u.note()),
                "canEdit", c.user.can(account.name(), org.wechatmp.admin.auth.Section.FOLLOWERS,
                        org.wechatmp.admin.auth.Level.EDIT));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
