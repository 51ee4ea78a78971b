package org.wechatmp.admin.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.Tag;
import org.wechatmp.core.jobs.JobKind;

/**
 * {@code /a/{a}/tags}: id, name, WeChat's count and the local members (a link to the filtered follower list), system
 * tags marked; {@code POST .../create}, {@code .../{id}/rename}, {@code .../{id}/delete} (pushed to WeChat first,
 * then stored; a system tag is refused before any call), {@code .../pull} (the tags, now) and
 * {@code .../sync} (tags and members, as a job).
 */
final class TagPages {
    /** WeChat's system tags: 0 (blacklist), 1 and 2 (star groups). */
    static final Set<Integer> SYSTEM = Set.of(0, 1, 2);
    /** WeChat's tag name limit. */
    static final int NAME_MAX = 30;
    private final FollowerStore store;

    TagPages(FollowerStore store) {
        this.store = store;
    }

    void route(Ctx c, Account account, String rest) throws IOException {
        String base = "/a/" + account.name() + "/tags";
        switch (rest) {
            case "", "/" -> {
                c.requireMethod("GET");
                show(c, account, 200, null, "", null, "");
            }
            case "/create" -> {
                c.requireMethod("POST");
                create(c, account, base);
            }
            case "/pull" -> {
                c.requireMethod("POST");
                pull(c, account, base);
            }
            case "/sync" -> {
                c.requireMethod("POST");
                FollowerPages.startJob(c, account, JobKind.TAGS.name(), base);
            }
            default -> {
                String[] parts = rest.substring(1).split("/", -1);
                if (parts.length != 2 || !parts[0].matches("\\d{1,9}")) {
                    throw HttpError.notFound();
                }
                int id = Integer.parseInt(parts[0]);
                c.requireMethod("POST");
                switch (parts[1]) {
                    case "rename" -> rename(c, account, id, base);
                    case "delete" -> delete(c, account, id, base);
                    default -> throw HttpError.notFound();
                }
            }
        }
    }

    private void show(Ctx c, Account account, int status, String error, String newName, Integer editId,
            String editName) throws IOException {
        Map<Integer, Long> counts = store.memberCounts(account.name());
        List<TagRow> rows = new ArrayList<>();
        for (Tag t : c.s.storage().tags().tags(account.name())) {
            rows.add(new TagRow(t.id(), t.name(), t.count(), counts.getOrDefault(t.id(), 0L), SYSTEM.contains(t.id())));
        }
        c.render("tags_list", status, "tags.title", "account", account, "rows", rows, "error", error,
                "newName", newName, "editId", editId, "editName", editName,
                "canEdit", c.user.can(account.name(), org.wechatmp.admin.auth.Section.FOLLOWERS,
                        org.wechatmp.admin.auth.Level.EDIT));
    }

    /** The problem with a tag name, or {@code null}: 1 to 30 characters, no control characters, not taken. */
    private static String badName(Ctx c, Account account, String name, Integer self) {
        if (name.isEmpty() || name.codePointCount(0, name.length()) > NAME_MAX
                || name.chars().anyMatch(Character::isISOControl)) {
            return c.msg.t("tags.bad.name", NAME_MAX);
        }
        boolean taken = c.s.storage().tags().tags(account.name()).stream()
                .anyMatch(t -> t.name().equals(name) && (self == null || t.id() != self));
        return taken ? c.msg.t("tags.bad.taken") : null;
    }

    private void create(Ctx c, Account account, String base) throws IOException {
        String name = c.param("name");
        String bad = badName(c, account, name, null);
        if (bad != null) {
            show(c, account, 400, bad, name, null, "");
            return;
        }
        Tag t;
        try {
            t = c.s.runtime().sync(account).tags().create(account, c.s.runtime().client(account), name);
        } catch (WeChatException e) {
            FollowerPages.audit(c, account, "tags.create", name, e);
            show(c, account, 502, FollowerPages.wechatError(c, e), name, null, "");
            return;
        }
        c.s.audit().record(c.who(), account.name(), "tags.create", t.id() + " " + name, true, null, null);
        c.redirect(base, "tags.created");
    }

    private void rename(Ctx c, Account account, int id, String base) throws IOException {
        Tag old = known(c, account, id);
        String name = c.param("name");
        if (SYSTEM.contains(id)) {
            c.s.audit().record(c.who(), account.name(), "tags.rename", id + " " + old.name(), false, null,
                    "system tag");
            show(c, account, 400, c.msg.t("tags.system"), "", id, name);
            return;
        }
        String bad = badName(c, account, name, id);
        if (bad != null) {
            show(c, account, 400, bad, "", id, name);
            return;
        }
        try {
            c.s.runtime().sync(account).tags().rename(account, c.s.runtime().client(account), id, name);
        } catch (WeChatException e) {
            FollowerPages.audit(c, account, "tags.rename", id + " " + old.name(), e);
            show(c, account, 502, FollowerPages.wechatError(c, e), "", id, name);
            return;
        }
        c.s.audit().record(c.who(), account.name(), "tags.rename", id + " " + old.name(), true, null, name);
        c.redirect(base, "tags.renamed");
    }

    private void delete(Ctx c, Account account, int id, String base) throws IOException {
        Tag old = known(c, account, id);
        if (SYSTEM.contains(id)) {
            // refused before any call: WeChat would answer 45058
            c.s.audit().record(c.who(), account.name(), "tags.delete", id + " " + old.name(), false, null,
                    "system tag");
            show(c, account, 400, c.msg.t("tags.system"), "", null, "");
            return;
        }
        try {
            c.s.runtime().sync(account).tags().delete(account, c.s.runtime().client(account), id);
        } catch (WeChatException e) {
            FollowerPages.audit(c, account, "tags.delete", id + " " + old.name(), e);
            show(c, account, 502, FollowerPages.wechatError(c, e), "", null, "");
            return;
        }
        c.s.audit().record(c.who(), account.name(), "tags.delete", id + " " + old.name(), true, null, null);
        c.redirect(base, "tags.deleted");
    }

    private static Tag known(Ctx c, Account account, int id) {
        Optional<Tag> t = c.s.storage().tags().find(account.name(), id);
        return t.orElseThrow(HttpError::notFound);
    }

    /** The tags from WeChat now (names and counts; members stay until a member sync). */
    private void pull(Ctx c, Account account, String base) throws IOException {
        List<Tag> remote;
        try {
            remote = c.s.runtime().client(account).tags().list();
        } catch (WeChatException e) {
            FollowerPages.audit(c, account, "tags.pull", account.name(), e);
            show(c, account, 502, FollowerPages.wechatError(c, e), "", null, "");
            return;
        }
        Set<Integer> ids = new HashSet<>();
        for (Tag t : remote) {
            c.s.storage().tags().save(account.name(), t);
            ids.add(t.id());
        }
        int removed = 0;
        for (Tag t : c.s.storage().tags().tags(account.name())) {
            if (!ids.contains(t.id())) {
                c.s.storage().tags().delete(account.name(), t.id());
                removed++;
            }
        }
        c.s.audit().record(c.who(), account.name(), "tags.pull", account.name(), true, null,
                remote.size() + " tags, " + removed + " removed");
        c.redirect(base, "tags.pulled");
    }
}
