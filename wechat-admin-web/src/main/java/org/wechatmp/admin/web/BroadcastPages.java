package org.wechatmp.admin.web;

import java.io.IOException;
import java.util.List;
import org.wechatmp.admin.auth.AdminUser;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.client.ApiQuota;
import org.wechatmp.core.client.WeChatClient;
import org.wechatmp.core.spi.PageRequest;

/**
 * {@code /a/{a}/broadcast} (mass sends, filter by state, the quota), {@code /broadcast/new} (compose: saved as
 * pending; other pages may prefill it with {@code ?target=USERS&openids=...}), {@code /broadcast/{id}} (details,
 * counts, actions) and its actions: {@code preview}, {@code approve} and {@code reject} (publish on broadcast; a
 * second admin: the author may not approve their own, except a superuser when no other admin could),
 * {@code cancel}, {@code refresh} ({@code mass/get}) and {@code delete} ({@code mass/delete}). View on
 * {@link Section#BROADCAST} reads, edit composes, publish approves, rejects and deletes; every change is audited,
 * refusals too.
 */
final class BroadcastPages {
    static final int PAGE_SIZE = 20;
    private final BroadcastStore store;
    private final BroadcastSender sender;

    BroadcastPages(BroadcastStore store, BroadcastSender sender) {
        this.store = store;
        this.sender = sender;
    }

    void route(Ctx c, Account a, String rest) throws IOException {
        if (rest.isEmpty() || "/".equals(rest)) {
            c.requireMethod("GET");
            AccountPages.need(c, a, Section.BROADCAST, Level.VIEW);
            list(c, a);
            return;
        }
        if ("/new".equals(rest)) {
            c.requireMethod("GET", "POST");
            AccountPages.need(c, a, Section.BROADCAST, Level.EDIT);
            compose(c, a);
            return;
        }
        String[] parts = rest.substring(1).split("/", -1);
        if (parts.length > 2 || !parts[0].matches("[0-9]{1,18}")) {
            throw HttpError.notFound();
        }
        AccountPages.need(c, a, Section.BROADCAST, Level.VIEW);
        Broadcast b = store.find(a.name(), Long.parseLong(parts[0])).orElseThrow(HttpError::notFound);
        if (parts.length == 1) {
            c.requireMethod("GET");
            view(c, a, b, 200, null);
            return;
        }
        c.requireMethod("POST");
        switch (parts[1]) {
            case "approve" -> approve(c, a, b);
            case "reject" -> reject(c, a, b);
            case "cancel" -> cancel(c, a, b);
            case "preview" -> preview(c, a, b);
            case "refresh" -> refresh(c, a, b);
            case "delete" -> delete(c, a, b);
            default -> throw HttpError.notFound();
        }
    }

    private void list(Ctx c, Account a) throws IOException {
        String state = Broadcast.STATES.contains(c.param("state")) ? c.param("state") : null;
        int page = c.param("page").matches("[0-9]{1,6}") ? Math.max(1, Integer.parseInt(c.param("page"))) : 1;
        int total = store.count(a.name(), state);
        PageRequest req = PageRequest.ofPage(page, PAGE_SIZE);
        c.render("broadcast_list", 200, "reach.broadcast.title", "account", a.name(), "items",
                store.list(a.name(), state, req.offset(), PAGE_SIZE), "state", state == null ? "" : state, "page", page,
                "pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE), "total", total, "quota",
                BroadcastSender.quota(ReachPages.client(c, a)), "canEdit",
                c.user.can(a.name(), Section.BROADCAST, Level.EDIT));
    }

    private void compose(Ctx c, Account a) throws IOException {
        if (!c.post()) {
            form(c, a, BroadcastForm.prefilled(c), 200, null);
            return;
        }
        BroadcastForm f = BroadcastForm.of(c);
        String error = f.error();
        if (error != null) {
            form(c, a, f, 400, c.msg.t(error));
            return;
        }
        Broadcast b = f.toBroadcast(a.name(), c.who(), c.s.clock().instant());
        List<String> openids = "USERS".equals(f.target()) ? f.openidList() : List.of();
        long id = store.insert(b, openids);
        c.s.audit().record(c.who(), a.name(), "broadcast.create", "broadcast " + id, true, null,
                b.msgType() + " to " + target(b, openids.size()));
        c.redirect("/a/" + a.name() + "/broadcast/" + id, "reach.broadcast.saved");
    }

    private static String target(Broadcast b, int users) {
        return switch (b.target()) {
            case "TAG" -> "tag " + b.tagId();
            case "USERS" -> users + " openids";
            default -> "all";
        };
    }

    private void form(Ctx c, Account a, BroadcastForm f, int status, String error) throws IOException {
        c.render("broadcast_form", status, "reach.broadcast.new", "account", a.name(), "form", f, "error", error,
                "tags", c.s.storage().tags().tags(a.name()), "materials", c.s.storage().materials().query(a.name(),
                        null, PageRequest.first(500)).items(), "quota", BroadcastSender.quota(ReachPages.client(c, a)));
    }

    private void view(Ctx c, Account a, Broadcast b, int status, String error) throws IOException {
        boolean publish = c.user.can(a.name(), Section.BROADCAST, Level.PUBLISH);
        String block = publish && b.pending() ? approveBlock(c.user, b, c.s.admins().all(), a.name()) : null;
        String tagName = b.tagId() == null ? null : c.s.storage().tags().find(a.name(), b.tagId()).map(t -> t.name())
                .orElse(null);
        List<String> openids = "USERS".equals(b.target()) ? store.openids(b.id()) : List.of();
        ApiQuota quota = b.pending() ? BroadcastSender.quota(ReachPages.client(c, a)) : null;
        c.render("broadcast_view", status, "reach.broadcast.view", "account", a.name(), "b", b, "tagName", tagName,
                "openids", openids.subList(0, Math.min(50, openids.size())), "quota", quota, "canEdit",
                c.user.can(a.name(), Section.BROADCAST, Level.EDIT), "canPublish", publish, "block", block,
                "error", error);
    }

    /**
     * Why a user may not approve a broadcast they have publish on, or {@code null} when they may: the author may not
     * approve their own, unless they are a superuser and no other active admin has publish on the account's
     * broadcasts (a lone operator is not locked out; the audit records it as self-approved).
     *
     * @param user the user
     * @param b the broadcast
     * @param admins every admin
     * @param account the account
     * @return a message key, or {@code null}
     */
    static String approveBlock(AdminUser user, Broadcast b, List<AdminUser> admins, String account) {
        if (!user.username().equals(b.author())) {
            return null;
        }
        boolean another = admins.stream().anyMatch(u -> u.id() != user.id() && u.active()
                && u.can(account, Section.BROADCAST, Level.PUBLISH));
        return user.superuser() && !another ? null : "reach.broadcast.err.ownapprove";
    }

    private void approve(Ctx c, Account a, Broadcast b) throws IOException {
        AccountPages.need(c, a, Section.BROADCAST, Level.PUBLISH);
        String target = "broadcast " + b.id();
        if (!b.pending()) {
            view(c, a, b, 409, c.msg.t("reach.broadcast.err.notpending"));
            return;
        }
        String block = approveBlock(c.user, b, c.s.admins().all(), a.name());
        if (block != null) {
            c.s.audit().record(c.who(), a.name(), "broadcast.approve", target, false, null, "the author's own");
            view(c, a, b, 403, c.msg.t(block));
            return;
        }
        WeChatClient client = ReachPages.client(c, a);
        ApiQuota quota = BroadcastSender.quota(client);
        if (quota != null && quota.remain() <= 0) {
            c.s.audit().record(c.who(), a.name(), "broadcast.approve", target, false, BroadcastSender.NO_QUOTA,
                    "no mass-send quota left (refused before sending)");
            view(c, a, b, 409, c.msg.t("reach.err.45028") + " (45028)");
            return;
        }
        if (!store.move(b.id(), "PENDING", "SENDING", c.who(), c.s.clock().instant(), null)) {
            view(c, a, store.find(a.name(), b.id()).orElse(b), 409, c.msg.t("reach.broadcast.err.notpending"));
            return;
        }
        store.state(b.id(), "SENDING", c.s.clock().instant(), null, null);
        boolean self = c.who().equals(b.author());
        c.s.audit().record(c.who(), a.name(), "broadcast.approve", target, true, null,
                self ? "self-approved: no other admin may publish" : "author " + b.author());
        try {
            int calls = sender.send(client, b);
            Broadcast now = store.find(a.name(), b.id()).orElse(b);
            c.s.audit().record(c.who(), a.name(), "broadcast.send", target, true, null, calls + " call(s), msg_id "
                    + now.sends().stream().map(s -> String.valueOf(s.msgId())).toList());
            c.redirect("/a/" + a.name() + "/broadcast/" + b.id(), "reach.broadcast.sent");
        } catch (RuntimeException e) {
            if (!ReachPages.wechat(e)) {
                throw e;
            }
            Broadcast now = store.find(a.name(), b.id()).orElse(b);
            ReachPages.failed(c, a, "broadcast.send", target, e);
            if (now.sends().isEmpty() && BroadcastSender.noQuota(e)) {
                store.reopen(b.id());
            } else {
                store.state(b.id(), "FAILED", null, ReachPages.errcode(e), ReachPages.explain(c, e));
                c.s.audit().record("wechat", a.name(), "broadcast.failed", target, false, ReachPages.errcode(e),
                        now.sends().size() + " call(s) made before the failure");
            }
            view(c, a, store.find(a.name(), b.id()).orElse(b), 502, ReachPages.explain(c, e));
        }
    }

    private void reject(Ctx c, Account a, Broadcast b) throws IOException {
        AccountPages.need(c, a, Section.BROADCAST, Level.PUBLISH);
        String reason = c.param("reason");
        if (reason.isEmpty() || reason.length() > 500) {
            view(c, a, b, 400, c.msg.t("reach.broadcast.err.reason"));
            return;
        }
        end(c, a, b, "REJECTED", reason);
    }

    private void cancel(Ctx c, Account a, Broadcast b) throws IOException {
        AccountPages.need(c, a, Section.BROADCAST, Level.EDIT);
        if (!c.who().equals(b.author()) && !c.user.can(a.name(), Section.BROADCAST, Level.PUBLISH)) {
            throw HttpError.forbidden();
        }
        end(c, a, b, "CANCELLED", null);
    }

    /** Ends a pending broadcast unsent: rejected (with the reviewer and reason) or withdrawn. */
    private void end(Ctx c, Account a, Broadcast b, String to, String reason) throws IOException {
        boolean reject = "REJECTED".equals(to);
        boolean moved = b.pending() && store.move(b.id(), "PENDING", to, reject ? c.who() : null,
                reject ? c.s.clock().instant() : null, reason);
        c.s.audit().record(c.who(), a.name(), reject ? "broadcast.reject" : "broadcast.cancel", "broadcast " + b.id(),
                moved, null, moved ? reason : "not pending");
        if (!moved) {
            view(c, a, b, 409, c.msg.t("reach.broadcast.err.notpending"));
            return;
        }
        c.redirect("/a/" + a.name() + "/broadcast/" + b.id(), reject ? "reach.broadcast.rejected"
                : "reach.broadcast.cancelled");
    }

    private void preview(Ctx c, Account a, Broadcast b) throws IOException {
        AccountPages.need(c, a, Section.BROADCAST, Level.EDIT);
        String openid = c.param("openid");
        if (!BroadcastForm.OPENID.matcher(openid).matches()) {
            view(c, a, b, 400, c.msg.t("reach.broadcast.err.openid"));
            return;
        }
        String target = "broadcast " + b.id();
        try {
            WeChatClient client = ReachPages.client(c, a);
            client.massSend().preview(openid, BroadcastSender.message(client, b));
        } catch (RuntimeException e) {
            if (!ReachPages.wechat(e)) {
                throw e;
            }
            ReachPages.failed(c, a, "broadcast.preview", target, e);
            view(c, a, b, 502, ReachPages.explain(c, e));
            return;
        }
        c.s.audit().record(c.who(), a.name(), "broadcast.preview", target, true, null, "to " + openid);
        c.redirect("/a/" + a.name() + "/broadcast/" + b.id(), "reach.broadcast.previewed");
    }

    private void refresh(Ctx c, Account a, Broadcast b) throws IOException {
        if (!b.sent()) {
            view(c, a, b, 409, c.msg.t("reach.broadcast.err.notsent"));
            return;
        }
        String to;
        try {
            to = sender.poll(ReachPages.client(c, a), b);
        } catch (RuntimeException e) {
            if (!ReachPages.wechat(e)) {
                throw e;
            }
            ReachPages.failed(c, a, "broadcast.poll", "broadcast " + b.id(), e);
            view(c, a, b, 502, ReachPages.explain(c, e));
            return;
        }
        c.s.audit().record(c.who(), a.name(), "broadcast.poll", "broadcast " + b.id(), true, null,
                to == null ? "unchanged" : "-> " + to);
        c.redirect("/a/" + a.name() + "/broadcast/" + b.id(), "reach.broadcast.refreshed");
    }

    private void delete(Ctx c, Account a, Broadcast b) throws IOException {
        AccountPages.need(c, a, Section.BROADCAST, Level.PUBLISH);
        if (!b.sent()) {
            view(c, a, b, 409, c.msg.t("reach.broadcast.err.notsent"));
            return;
        }
        String target = "broadcast " + b.id();
        WeChatClient client = ReachPages.client(c, a);
        for (BroadcastSend s : b.sends()) {
            try {
                client.massSend().delete(s.msgId());
                store.status(b.id(), s.seq(), "DELETE", c.s.clock().instant());
            } catch (RuntimeException e) {
                if (!ReachPages.wechat(e)) {
                    throw e;
                }
                ReachPages.failed(c, a, "broadcast.delete", target + " msg_id " + s.msgId(), e);
                view(c, a, store.find(a.name(), b.id()).orElse(b), 502, ReachPages.explain(c, e));
                return;
            }
        }
        store.state(b.id(), "DELETED", null, null, null);
        c.s.audit().record(c.who(), a.name(), "broadcast.delete", target, true, null,
                b.sends().size() + " send(s) deleted");
        c.redirect("/a/" + a.name() + "/broadcast/" + b.id(), "reach.broadcast.deleted");
    }
}
