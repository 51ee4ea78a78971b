package org.wechatmp.admin.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.client.UserInfo;
import org.wechatmp.core.jobs.JobConflictException;
import org.wechatmp.core.jobs.JobHandle;
import org.wechatmp.core.jobs.JobKind;
import org.wechatmp.core.spi.Page;
import org.wechatmp.core.spi.WeChatUser;
import org.wechatmp.core.sync.FollowerSync;

/**
 * The pages of followers, tags and the blacklist (issue 12). {@code /a/{a}/followers}: the list (search, filters,
 * order and page in the URL; counts exact up to 10,000), bulk actions on selected rows ({@code POST .../bulk}: tag,
 * untag, refresh from WeChat, blacklist), the syncs as jobs ({@code POST .../sync}) and the CSV export
 * ({@code .../export.csv}); {@code /a/{a}/followers/{openid}} is one follower ({@link FollowerProfilePage}),
 * {@code /a/{a}/tags} the tags ({@link TagPages}), {@code /a/{a}/blacklist} the blacklist ({@link BlacklistPages}).
 * Every page needs view on the followers section, every write edit; every write is audited, WeChat's refusals with
 * their errcode.
 */
final class FollowerPages implements SectionPages {
    /** An openid as WeChat makes them (28 characters today; up to 64 accepted). */
    static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The WeChat subscribe scenes, for the scene filter. */
    static final List<String> SCENES = List.of("ADD_SCENE_SEARCH", "ADD_SCENE_ACCOUNT_MIGRATION",
            "ADD_SCENE_PROFILE_CARD", "ADD_SCENE_QR_CODE", "ADD_SCENE_PROFILE_LINK", "ADD_SCENE_PROFILE_ITEM",
            "ADD_SCENE_PAID", "ADD_SCENE_WECHAT_ADVERTISEMENT", "ADD_SCENE_REPRINT", "ADD_SCENE_LIVESTREAM",
            "ADD_SCENE_CHANNELS", "ADD_SCENE_WXA", "ADD_SCENE_OTHERS");
    private static final int MAX_SELECTED = 1_000;

    private final FollowerAvatars avatars = new FollowerAvatars();
    private FollowerProfilePage profile;
    private TagPages tags;
    private BlacklistPages blacklist;

    @Override
    public void start(Services s) {
        FollowerStore store = new FollowerStore(s.storage().jdbi());
        profile = new FollowerProfilePage(store);
        tags = new TagPages(store);
        blacklist = new BlacklistPages(store);
    }

    @Override
    public void route(Ctx c, Account account, String segment, String rest) throws IOException {
        AccountPages.need(c, account, Section.FOLLOWERS, c.post() ? Level.EDIT : Level.VIEW);
        switch (segment) {
            case "tags" -> tags.route(c, account, rest);
            case "blacklist" -> blacklist.route(c, account, rest);
            default -> followers(c, account, rest);
        }
    }

    private void followers(Ctx c, Account account, String rest) throws IOException {
        FollowerStore store = profile.store();
        switch (rest) {
            case "", "/" -> {
                c.requireMethod("GET");
                list(c, account, 200, null);
            }
            case "/bulk" -> {
                c.requireMethod("POST");
                bulk(c, account, store);
            }
            case "/sync" -> {
                c.requireMethod("POST");
                String kind = "full".equals(c.param("kind")) ? JobKind.FOLLOWERS_FULL.name()
                        : JobKind.FOLLOWERS_INCREMENTAL.name();
                startJob(c, account, kind, "/a/" + account.name() + "/followers");
            }
            case "/export.csv" -> {
                c.requireMethod("GET");
                new FollowerCsv(store).export(c, account, FollowerFilter.of(c));
            }
            default -> {
                String[] parts = rest.substring(1).split("/", -1);
                if (!OPENID.matcher(parts[0]).matches() || parts.length > 2) {
                    throw HttpError.notFound();
                }
                if (parts.length == 2 && "avatar".equals(parts[1])) {
                    c.requireMethod("GET");
                    avatars.serve(c, account, parts[0]);
                    return;
                }
                profile.route(c, account, parts[0], parts.length == 2 ? parts[1] : "");
            }
        }
    }

    /** Renders the list of the request's filter, with an error message (a refused bulk action) or none. */
    void list(Ctx c, Account account, int status, String error) throws IOException {
        FollowerFilter f = FollowerFilter.of(c);
        Page<WeChatUser> page = c.s.storage().users().query(account.name(), f.pageQuery(c.zone));
        List<String> openids = page.items().stream().map(WeChatUser::openid).toList();
        FollowerStore store = profile.store();
        List<Tag> all = c.s.storage().tags().tags(account.name());
        c.render("followers_list", status, "followers.title", "account", account, "f", f, "rows", page,
                "rowTags", store.tagsOf(account.name(), openids), "blacklisted",
                store.blacklisted(account.name(), openids), "tags", all,
                "tagNames", all.stream().collect(Collectors.toMap(Tag::id, Tag::name, (x, y) -> x)),
                "scenes", SCENES, "canEdit", c.user.can(account.name(), Section.FOLLOWERS, Level.EDIT),
                "error", error);
    }

    private void bulk(Ctx c, Account account, FollowerStore store) throws IOException {
        String action = c.param("action");
        List<String> openids = selected(c);
        if (openids.isEmpty()) {
            list(c, account, 400, c.msg.t("followers.bulk.none"));
            return;
        }
        String target = openids.size() + " followers";
        try {
            switch (action) {
                case "tag", "untag" -> {
                    String t = c.param("tagId");
                    if (!t.matches("\\d{1,9}") || c.s.storage().tags().find(account.name(), Integer.parseInt(t))
                            .isEmpty()) {
                        list(c, account, 400, c.msg.t("followers.bulk.notag"));
                        return;
                    }
                    int id = Integer.parseInt(t);
                    if ("tag".equals(action)) {
                        c.s.runtime().sync(account).tags().tag(account, c.s.runtime().client(account), id, openids);
                    } else {
                        c.s.runtime().sync(account).tags().untag(account, c.s.runtime().client(account), id, openids);
                    }
                    target = "tag " + id + ": " + target;
                }
                case "refresh" -> refresh(c, account, store, openids);
                case "blacklist" -> BlacklistPages.add(c, account, store, openids);
                default -> throw new HttpError(400, "followers.bulk.badaction");
            }
        } catch (WeChatException e) {
            audit(c, account, "followers." + action, target, e);
            list(c, account, 502, wechatError(c, e));
            return;
        }
        c.s.audit().record(c.who(), account.name(), "followers." + action, target, true, null,
                String.join(",", openids.subList(0, Math.min(openids.size(), 20))));
        c.redirect("/a/" + account.name() + "/followers" + FollowerFilter.of(c).query(),
                "followers.bulk.done." + action);
    }

    /** The selected openids ({@code openid} fields), validated, at most {@value #MAX_SELECTED}. */
    static List<String> selected(Ctx c) {
        String[] values = c.req.getParameterValues("openid");
        if (values == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            for (String o : v.split("[\\s,]+")) {
                if (o.isEmpty()) {
                    continue;
                }
                if (!OPENID.matcher(o).matches()) {
                    throw new HttpError(400, "followers.bad.openid");
                }
                out.add(o);
            }
        }
        if (out.size() > MAX_SELECTED) {
            throw new HttpError(400, "followers.bulk.toomany");
        }
        return new ArrayList<>(out);
    }

    /**
     * Fetches profiles from WeChat (100 per call) and stores them; an unfollower keeps its last profile and is
     * marked unsubscribed (WeChat sends only the openid for them).
     */
    static void refresh(Ctx c, Account account, FollowerStore store, List<String> openids) {
        List<UserInfo> infos = c.s.runtime().client(account).users().batchInfo(openids);
        java.time.Instant now = c.s.clock().instant();
        List<WeChatUser> save = new ArrayList<>();
        for (UserInfo u : infos) {
            if (u.openid() == null || !openids.contains(u.openid())) {
                continue;
            }
            if (!u.isSubscribed()) {
                c.s.storage().users().find(account.name(), u.openid()).ifPresent(old -> save.add(
                        old.withSubscription(false, old.subscribeTime())));
                continue;
            }
            save.add(FollowerSync.user(u, now));
        }
        c.s.storage().users().saveAll(account.name(), save);
        for (WeChatUser u : save) {
            if (Boolean.TRUE.equals(u.subscribed())) {
                store.replaceTags(account.name(), u.openid(), u.tagIds());
            }
        }
    }

    /** Starts a job and opens its live page; a job of that kind already running opens that one instead. */
    static void startJob(Ctx c, Account account, String kind, String back) throws IOException {
        JobHandle h;
        try {
            h = c.s.runtime().jobs().start(account, kind, c.who());
        } catch (JobConflictException e) {
            c.s.audit().record(c.who(), account.name(), "job.start", kind, false, null,
                    "already running: job " + e.runningJobId());
            c.redirect("/jobs/" + e.runningJobId(), "followers.job.running");
            return;
        }
        c.s.audit().record(c.who(), account.name(), "job.start", kind + " " + h.id(), true, null, null);
        c.redirect("/jobs/" + h.id(), null);
    }

    /** Audits a failed WeChat call with its errcode. */
    static void audit(Ctx c, Account account, String action, String target, WeChatException e) {
        Integer code = e instanceof WeChatApiException api ? api.errcode() : null;
        String detail = e instanceof WeChatApiException api ? api.errmsg() : e.getMessage();
        c.s.audit().record(c.who(), account.name(), action, target, false, code, detail);
    }

    /**
     * A WeChat failure in the user's language: a known errcode's own text, else the errcode and WeChat's message.
     *
     * @param c the request
     * @param e the failure
     * @return the text
     */
    static String wechatError(Ctx c, WeChatException e) {
        if (e instanceof WeChatApiException api) {
            String key = "followers.errcode." + api.errcode();
            String known = c.msg.t(key);
            return known.equals(key) ? c.msg.t("followers.errcode.other", String.valueOf(api.errcode()), api.errmsg())
                    : c.msg.t("followers.errcode.known", String.valueOf(api.errcode()), known);
        }
        return c.msg.t("followers.wechat.down");
    }
}
